/**
 * `npm run kpis:generate -- --month YYYY-MM --cases N --api URL`: tells supervision a generated month of cases (as
 * dispatch, processing and intake would, on KAFKA_BROKERS with KAFKA_TOPIC_PREFIX), waits until its timeline in
 * DATABASE_URL holds every event, and records the planned follow-up calls over HTTP (a supervisor's token in
 * KPI_API_TOKEN). Then `npm run kpis:recompute` checks the KPIs. For a test or demonstration database only.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { KafkaMessageBus } from '@ugov/messaging';
import { ConfigError, loadInfrastructureConfig } from '@ugov/platform';
import { publishKpiMonth } from './publish-kpi-month';

const USAGE = `usage: npm run kpis:generate -- --month YYYY-MM [--cases 100000] [--seed N] --api http://host:port

Publishes a generated month of cases to supervision's topics, waits for supervision to record them, records the
follow-up calls (token in KPI_API_TOKEN). The month must be over by 40 days. Exit codes: 0 done, 1 failed, 2 bad arguments.`;

function stop(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index += 2) {
    if (!['--month', '--cases', '--seed', '--api'].includes(argv[index]) || argv[index + 1] === undefined)
      stop(2, `kpis:generate: bad argument ${argv[index]}\n\n${USAGE}`);
    values.set(argv[index], argv[index + 1]);
  }
  const month = values.get('--month') ?? '';
  const cases = Number(values.get('--cases') ?? 100_000);
  const seed = Number(values.get('--seed') ?? 1);
  const api = values.get('--api') ?? '';
  const token = process.env.KPI_API_TOKEN ?? '';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) stop(2, `kpis:generate: --month must be YYYY-MM\n\n${USAGE}`);
  if (!Number.isInteger(cases) || cases < 1 || cases > 10_000_000)
    stop(2, 'kpis:generate: --cases must be a whole number from 1 to 10000000');
  if (!Number.isInteger(seed)) stop(2, 'kpis:generate: --seed must be a whole number');
  if (!/^https?:\/\/[^/]+$/.test(api) || !token)
    stop(2, `kpis:generate: --api http(s)://host:port and KPI_API_TOKEN are needed\n\n${USAGE}`);
  let infrastructure: ReturnType<typeof loadInfrastructureConfig>;
  try {
    infrastructure = loadInfrastructureConfig();
  } catch (error) {
    if (error instanceof ConfigError) stop(2, `kpis:generate: ${error.message}`);
    throw error;
  }
  const bus = new KafkaMessageBus({
    brokers: [...infrastructure.kafkaBrokers],
    clientId: 'ugov-kpis-generate',
    topicPrefix: infrastructure.kafkaTopicPrefix,
    topicPartitions: infrastructure.topicPartitions,
  });
  const dataSource = await new DataSource({
    type: 'postgres',
    url: infrastructure.databaseUrl,
    applicationName: 'ugov-kpis-generate',
    extra: { max: 2 },
  }).initialize();
  try {
    let last = 0;
    const result = await publishKpiMonth({ month, cases, seed }, bus, dataSource, { url: api, token }, (line) => {
      if (Date.now() - last < 10_000) return;
      last = Date.now();
      console.log(line);
    });
    console.log(
      `${result.cases} cases, ${result.events} events, ${result.followUpsRecorded} follow-up calls in ${result.seconds.toFixed(0)} s`,
    );
    return 0;
  } finally {
    await bus.close();
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => stop(1, `kpis:generate failed: ${error.stack ?? error.message}`),
);
