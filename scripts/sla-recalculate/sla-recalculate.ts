/**
 * `npm run sla:recalculate -- [--reason <text>]`: rebuilds supervision's SLA clocks from its event log on the
 * SLA definitions (SLA_DEFINITIONS_FILE or the shipped file) and the working-day calendar in force, after
 * either changed; moves the timers not yet fired; records the run in supervision.sla_recalculations.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadWorkingCalendar } from '@ugov/calendar';
import { ConfigError, loadInfrastructureConfig } from '@ugov/platform';
import { loadSlaDefinitions } from '../../apps/supervision/src/infra/sla-definitions.provider';
import { recalculateSlaClocks } from '../../apps/supervision/src/recalculate-sla-clocks/recalculate-sla-clocks.command';

const USAGE = `usage: npm run sla:recalculate -- [--reason <text>]

Rebuilds every SLA clock from supervision's timeline in DATABASE_URL on the SLA definitions (SLA_DEFINITIONS_FILE,
else the shipped file) and the working-day calendar (CALENDAR_OVERRIDES_FILE) in force, and records the run.
Exit codes: 0 done, 1 failed, 2 bad arguments or settings.`;

function stop(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

function reasonOf(argv: readonly string[]): string | 'help' {
  if (argv.length === 0) return 'definitions or calendar changed';
  if (argv[0] === '--help' || argv[0] === '-h') return 'help';
  if (argv[0] !== '--reason' || argv.length !== 2 || argv[1].trim() === '') stop(2, `sla:recalculate: bad arguments\n\n${USAGE}`);
  return argv[1].trim();
}

async function main(): Promise<number> {
  const reason = reasonOf(process.argv.slice(2));
  if (reason === 'help') {
    console.log(USAGE);
    return 0;
  }
  let settings: {
    databaseUrl: string;
    definitions: ReturnType<typeof loadSlaDefinitions>;
    calendar: ReturnType<typeof loadWorkingCalendar>;
  };
  try {
    settings = {
      databaseUrl: loadInfrastructureConfig().databaseUrl,
      definitions: loadSlaDefinitions(),
      calendar: loadWorkingCalendar((message) => console.warn(message)),
    };
  } catch (error) {
    if (error instanceof ConfigError) stop(2, `sla:recalculate: ${error.message}`);
    throw error;
  }
  const dataSource = await new DataSource({
    type: 'postgres',
    url: settings.databaseUrl,
    applicationName: 'ugov-sla-recalculate',
    extra: { max: 2 },
  }).initialize();
  try {
    const result = await recalculateSlaClocks(dataSource, settings.definitions, settings.calendar, reason);
    console.log(
      `SLA clocks recalculated on definitions version ${settings.definitions.version} (sha256 ${settings.definitions.digest.slice(0, 12)}…): ` +
        `${result.eventsReplayed} events replayed, ${result.clocksRecalculated} clocks, ${result.clocksChanged} changed` +
        (result.unmatched > 0 ? `, ${result.unmatched} without a matching definition (left as they were)` : '') +
        `; recorded as recalculation ${result.recalculationId}`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => stop(1, `sla:recalculate failed: ${error.stack ?? error.message}`),
);
