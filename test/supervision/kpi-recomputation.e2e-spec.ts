import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { KafkaMessageBus } from '@ugov/messaging';
import { ServiceStack } from '@ugov/testing';
import { publishKpiMonth } from '../../scripts/kpis-recompute/publish-kpi-month';
import { call, KEYS } from '../u-loop/http';

const ROOT = resolve(__dirname, '../..');
const RECOMPUTE = join(ROOT, 'dist/scripts/kpis-recompute/kpis-recompute.js');
/** 2,000 by default; KPI_MONTH_CASES=100000 runs the month (about an hour on the shared machine). */
const CASES = Number(process.env.KPI_MONTH_CASES ?? 2000);
const RATES = [
  'signedOnTimeRate',
  'respondedRate',
  'repliedOnTimeRate',
  'repliedRate',
  'resolvedRate',
  'satisfactionRate',
  'returnRate',
  'redoRate',
  'followUpRate',
] as const;

/** The month three months back: every event the generator plans for it has happened by now. */
function generatedMonth(): { month: string; from: string; to: string } {
  const date = new Date();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - 3);
  const month = date.toISOString().slice(0, 7);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
  return { month, from: `${month}-01`, to: last };
}

/**
 * The KPIs as the API serves them (kept incrementally by supervision's consumers in assignment_facts) against the
 * same KPIs recomputed by `npm run kpis:recompute` from the timeline alone (another code path): a generated month
 * is told to the real supervision process over Kafka, follow-up calls are recorded over HTTP, and the script must
 * find every field of every table equal; a fact changed behind the consumers' back must make it disagree.
 */
describe('KPIs recomputed from the events', () => {
  const stack = new ServiceStack({ services: ['supervision'] });
  let bus: KafkaMessageBus;
  let db: Client;
  const { month, from, to } = generatedMonth();

  beforeAll(async () => {
    await stack.start();
    bus = stack.busFor('ugov-test-kpi-recomputation');
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await bus?.close();
    await db?.end();
    await stack.stop();
  });

  const recompute = () =>
    promisify(execFile)('node', [RECOMPUTE, '--from', from, '--to', to, '--api', stack.url('supervision')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: stack.databaseUrl, KPI_API_TOKEN: KEYS.supervisor },
      maxBuffer: 16 * 1024 * 1024,
    }).then(
      (result) => ({ code: 0, stdout: result.stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: `${error.stdout}${error.stderr}` }),
    );

  it(
    `agrees with the API on every KPI of a generated month of ${CASES} cases, and notices a fact that differs`,
    async () => {
      const started = Date.now();
      const sql = { query: (text: string, parameters?: unknown[]) => db.query(text, parameters).then((result) => result.rows) };
      const published = await publishKpiMonth({ month, cases: CASES, seed: 20261130 }, bus, sql, {
        url: stack.url('supervision'),
        token: KEYS.supervisor,
      });
      const told = Date.now();
      const agreeing = await recompute();
      console.log(
        `${CASES} cases, ${published.events} events, ${published.followUpsRecorded} follow-up calls told in ${((told - started) / 1000).toFixed(0)} s; ` +
          `recomputation and check in ${((Date.now() - told) / 1000).toFixed(0)} s:\n${agreeing.stdout}`,
      );
      expect(agreeing).toMatchObject({ code: 0, stdout: expect.stringMatching(/^AGREES: 16 tables, \d+ rows/m) });

      // The month exercises every rate: none is null or trivially 0 or 1 over all departments' levels together.
      const levels = await call(stack, 'supervision', 'GET', `/v1/kpis?from=${from}&to=${to}&by=level`, KEYS.supervisor);
      expect(levels.body.items.map((item: { key: string }) => item.key).sort()).toEqual(['city', 'community', 'district', 'street']);
      const city = levels.body.items.find((item: { key: string }) => item.key === 'city');
      for (const rate of RATES) expect([rate, city[rate] > 0 && city[rate] < 1]).toEqual([rate, true]);
      expect(levels.body.items.reduce((sum: number, item: { cases: number }) => sum + item.cases, 0)).toBe(CASES);

      // A fact the consumers did not write: the check must say which table, row and field.
      const { rows } = await db.query(
        `UPDATE supervision.assignment_facts SET redo_count = redo_count + 1
          WHERE assignment_id = (SELECT assignment_id FROM supervision.assignment_facts WHERE redo_count = 0 AND replied_at IS NOT NULL
                                  ORDER BY assignment_id LIMIT 1) RETURNING department_code`,
      );
      const disagreeing = await recompute();
      expect(disagreeing.code).toBe(1);
      expect(disagreeing.stdout).toContain(`DISAGREES by=department |${rows[0].department_code} redone: API`);
    },
    600_000 + CASES * 600,
  );
});
