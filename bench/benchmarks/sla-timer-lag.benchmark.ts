import { Client } from 'pg';
import { waitFor } from '@ugov/testing';
import { BenchServices, peakResidentBytes } from '../bench-services';
import type { BenchSettings } from '../bench-settings';
import { CpuWindow, type CpuBreakdown } from '../cpu-usage';
import { LatencySamples, type LatencySummary } from '../latency-samples';
import { postgresServer } from '../process-groups';
import { withTeardown } from '../teardown';

/** The timers that come due while the clock runs are spread over this window, starting a little after the fill. */
const DUE_WINDOW_MS = 20000;
const DUE_AFTER_MS = 5000;
/** A timer not fired this long after the last one was due is stuck, not late. */
const FIRE_TIMEOUT_MS = 60000;

export interface SlaTimerLagResult {
  /** Open clocks in the table, each with a pending timer: the ones due during the run among them. */
  readonly openClocks: number;
  readonly dueTimers: number;
  readonly fired: number;
  /** Seconds to write the open clocks and their timers (one INSERT … SELECT each, then ANALYZE). */
  readonly fillSeconds: number;
  /** Each due timer's scheduled time → the fired_at supervision recorded in its warning. */
  readonly lag: LatencySummary;
  readonly pollMs: number;
  readonly cpu: CpuBreakdown | undefined;
  readonly supervisionPeakResidentBytes: number;
}

/** Clocks numbered from..to (generate_series g), running, each with a yellow timer at `fireAt` (an SQL expression of g). */
function fillSql(from: number, to: number, fireAt: string): string[] {
  const caseId = `md5('bench-clock-' || g)::uuid`;
  return [
    `INSERT INTO supervision.sla_clocks (case_id, assignment_id, hop, cycle, case_type, urgency, category_code, department_code,
       started_at, pauses, definition_id, definitions_version, definitions_digest, state, due_at, updated_at)
     SELECT ${caseId}, 'a-' || g, 'reply', 1, 'complaint', 'general', 'urban.02.04', 'dept-' || (g % 48), now() - interval '1 day',
            '[]'::jsonb, 'reply.complaint', 1, 'bench', 'running', ${fireAt} + interval '2 days', now()
       FROM generate_series(${from}, ${to}) g`,
    `INSERT INTO supervision.sla_clock_timers (case_id, assignment_id, hop, cycle, fire_at, pending)
     SELECT ${caseId}, 'a-' || g, 'reply', 1, f, jsonb_build_array(jsonb_build_object('threshold', 'yellow', 'fireAt', f))
       FROM generate_series(${from}, ${to}) g, LATERAL (SELECT ${fireAt} AS f) t`,
  ];
}

/**
 * Supervision alone, on a database holding BENCH_TIMER_CLOCKS open clocks, each with a pending timer: most are due
 * in weeks, BENCH_TIMER_DUE of them come due one after another over 20 s. Each fired timer's lateness is read from
 * the warnings afterwards (scheduled_at → fired_at), so measuring costs the service nothing. The aim (issue 12): within a
 * second of its time; the poll interval (SLA_TIMER_POLL_MS, 250 ms) is the floor of what a poller can do.
 */
export function benchmarkSlaTimerLag(settings: BenchSettings): Promise<SlaTimerLagResult> {
  return withTeardown(async (teardown) => {
    const services = await BenchServices.start(['supervision'], settings, teardown);
    const client = new Client({ connectionString: services.databaseUrl });
    await client.connect();
    teardown.add('close the benchmark connection', () => client.end());
    const due = settings.timerDue;
    const idle = settings.timerClocks - due;
    const fillStarted = performance.now();
    // Not due for weeks: they only have to be stepped over.
    for (const sql of fillSql(1, idle, `now() + interval '20 days' + (g % 86400) * interval '1 second'`)) await client.query(sql);
    await client.query('ANALYZE supervision.sla_clocks; ANALYZE supervision.sla_clock_timers');
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    const spacingMs = DUE_WINDOW_MS / due;
    const cpu = new CpuWindow();
    cpu.open();
    const dueSql = `now() + interval '${DUE_AFTER_MS} milliseconds' + (g - ${idle + 1}) * interval '${spacingMs} milliseconds'`;
    for (const sql of fillSql(idle + 1, idle + due, dueSql)) await client.query(sql);
    const countFired = async () =>
      (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervision.sla_warnings WHERE threshold = 'yellow'`)).rows[0].n;
    await waitFor(
      `supervision to fire ${due} timers`,
      async () => (await countFired()) >= due,
      DUE_AFTER_MS + DUE_WINDOW_MS + FIRE_TIMEOUT_MS,
      500,
    ).catch(() => undefined);
    cpu.close();
    const { rows } = await client.query<{ ms: number }>(
      `SELECT extract(epoch FROM fired_at - scheduled_at) * 1000 AS ms FROM supervision.sla_warnings WHERE threshold = 'yellow'`,
    );
    const lag = new LatencySamples();
    rows.forEach((row) => lag.record(Number(row.ms)));
    const summary = lag.summary();
    if (summary.count === due) services.markSucceeded();
    return {
      openClocks: settings.timerClocks,
      dueTimers: due,
      fired: summary.count,
      fillSeconds,
      lag: summary,
      pollMs: Number(process.env.SLA_TIMER_POLL_MS ?? 250),
      cpu: cpu.breakdown({
        supervision: [services.pid('supervision')],
        PostgreSQL: await postgresServer(services.databaseUrl),
      }),
      supervisionPeakResidentBytes: peakResidentBytes(services.pid('supervision')),
    };
  });
}
