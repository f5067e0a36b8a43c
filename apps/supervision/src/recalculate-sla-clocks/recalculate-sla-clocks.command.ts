import type { DataSource } from 'typeorm';
import type { WorkingCalendar } from '@ugov/calendar';
import { poolOf, runInTransaction, type Sql } from '@ugov/persistence';
import { clockCommandsOf } from '../domain/clock-rules';
import { applyClockCommands, clockKeyText, measureCycles } from '../domain/sla-clock';
import type { SlaDefinitions } from '../domain/sla-definitions';
import { WorkingTime } from '../domain/working-time';
import { CLOCK_EVENT_TYPES, clockEventsOfCases, LOCK_TIMELINE, saveCycles } from '../infra/sla-clock.store';

export interface Recalculation {
  readonly recalculationId: number;
  readonly eventsReplayed: number;
  readonly clocksRecalculated: number;
  readonly clocksChanged: number;
  readonly unmatched: number;
}

const CASES_PER_PAGE = 500;

const NEXT_CASES = `SELECT DISTINCT case_id FROM supervision.timeline_entries
  WHERE event_type = ANY($1::text[]) AND case_id > $2::uuid ORDER BY case_id LIMIT $3`;
const CLOCKS_OF_CASES = `SELECT case_id, assignment_id, hop, cycle, due_at, definition_id, definitions_digest, state FROM supervision.sla_clocks
  WHERE case_id = ANY($1::uuid[]) FOR UPDATE`;

/**
 * Rebuilds every SLA clock from supervision's event log (the timeline) on the definitions and calendar given, the
 * same rules and measures as live consumption, a page of cases per transaction; timers not yet fired are moved
 * to the new thresholds (a fired one never fires again). The run is recorded in supervision.sla_recalculations.
 */
export async function recalculateSlaClocks(
  dataSource: DataSource,
  definitions: SlaDefinitions,
  calendar: WorkingCalendar,
  reason: string,
  now = new Date(),
): Promise<Recalculation> {
  const time = new WorkingTime(calendar);
  const startedAt = new Date();
  await dataSource.query(
    `INSERT INTO supervision.sla_definition_versions (version, digest, document) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [definitions.version, definitions.digest, JSON.stringify(definitions)],
  );
  let after = '00000000-0000-0000-0000-000000000000';
  let eventsReplayed = 0;
  let clocksRecalculated = 0;
  let clocksChanged = 0;
  let unmatched = 0;
  for (;;) {
    const cases: { case_id: string }[] = await dataSource.query(NEXT_CASES, [CLOCK_EVENT_TYPES, after, CASES_PER_PAGE]);
    if (cases.length === 0) break;
    after = cases[cases.length - 1].case_id;
    const caseIds = cases.map((row) => row.case_id);
    await runInTransaction(poolOf(dataSource), async (transaction: Sql) => {
      await transaction.query(LOCK_TIMELINE);
      const events = await clockEventsOfCases(transaction, caseIds);
      const before: {
        case_id: string;
        assignment_id: string;
        hop: string;
        cycle: number;
        due_at: Date;
        definition_id: string;
        definitions_digest: string;
        state: string;
      }[] = await transaction.query(CLOCKS_OF_CASES, [caseIds]);
      const stored = new Map(before.map((row) => [`${row.case_id}/${row.assignment_id}/${row.hop}#${row.cycle}`, row]));
      const replayed = measureCycles(applyClockCommands(new Map(), clockCommandsOf(events)), definitions, time, now);
      for (const { cycle, status } of replayed.measured) {
        const old = stored.get(`${clockKeyText(cycle.key)}#${cycle.cycle}`);
        if (
          !old ||
          old.due_at.getTime() !== status.dueAt.getTime() ||
          old.definition_id !== status.definition.id ||
          old.definitions_digest !== definitions.digest ||
          old.state !== status.state
        )
          clocksChanged++;
      }
      await saveCycles(transaction, replayed.measured, definitions, now);
      eventsReplayed += events.length;
      clocksRecalculated += replayed.measured.length;
      unmatched += replayed.unmatched.length;
    });
  }
  const [{ recalculation_id }]: { recalculation_id: string }[] = await dataSource.query(
    `INSERT INTO supervision.sla_recalculations
       (started_at, finished_at, reason, definitions_version, definitions_digest, events_replayed, clocks_recalculated, clocks_changed)
     VALUES ($1, now(), $2, $3, $4, $5, $6, $7) RETURNING recalculation_id`,
    [startedAt, reason, definitions.version, definitions.digest, eventsReplayed, clocksRecalculated, clocksChanged],
  );
  return { recalculationId: Number(recalculation_id), eventsReplayed, clocksRecalculated, clocksChanged, unmatched };
}
