import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { WorkingCalendar } from '@ugov/calendar';
import { SupervisionEvents, timestampFromDate, WarningLevel } from '@ugov/contracts';
import { encodeEvent, OutboxWriter, type EncodedEvent } from '@ugov/messaging';
import { newTraceContext } from '@ugov/observability';
import { insertRows, poolOf, runInTransaction, type Sql } from '@ugov/persistence';
import { ConfigError, PollLoop } from '@ugov/platform';
import { alarmOf, type Alarm, type DueTimer } from '../domain/sla-alarms';
import type { Threshold, TimerDue } from '../domain/sla-clock';
import type { SlaDefinitions } from '../domain/sla-definitions';
import { WorkingTime } from '../domain/working-time';
import { SLA_DEFINITIONS } from '../infra/sla-definitions.provider';
import { WORKING_CALENDAR } from '../infra/working-calendar.provider';

const DEFAULT_POLL_MS = 250;
const CLAIM_LIMIT = 500;

/** SLA_TIMER_POLL_MS: how often each replica looks for due timers (50 to 5000 ms, default 250). */
export function timerPollMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SLA_TIMER_POLL_MS;
  if (raw === undefined || raw === '') return DEFAULT_POLL_MS;
  const ms = Number(raw);
  if (!/^\d+$/.test(raw) || ms < 50 || ms > 5000)
    throw new ConfigError(`SLA_TIMER_POLL_MS: must be a whole number from 50 to 5000, got "${raw}"`);
  return ms;
}

interface DueClockRow {
  case_id: string;
  assignment_id: string;
  hop: string;
  cycle: number;
  /** The thresholds still to fire, earliest first; those due by claimed_at fire now. */
  pending: { threshold: Threshold; fireAt: string }[];
  claimed_at: Date;
  department_code: string;
  due_at: Date;
  definition_id: string;
  definitions_version: number;
}

/**
 * Timer rows of running clocks that have a threshold due, claimed so that a concurrent replica skips them. In the
 * same transaction the fired thresholds get their sla_warnings rows and leave `pending`, so each threshold fires
 * once across replicas and restarts.
 *
 * Each due timer looks up its clock (the lateral subquery, kept apart by OFFSET 0): joined freely, a planner that has
 * no statistics yet (a fresh database, a table that grew since the last ANALYZE) scanned every running clock and
 * probed its timer, four times a second, rather than read the few due timers from their index.
 */
const CLAIM_DUE_CLOCKS = `SELECT t.case_id, t.assignment_id, t.hop, t.cycle, t.pending, now() AS claimed_at, c.department_code, c.due_at,
         c.definition_id, c.definitions_version
    FROM supervision.sla_clock_timers t
    CROSS JOIN LATERAL (SELECT c.department_code, c.due_at, c.definition_id, c.definitions_version FROM supervision.sla_clocks c
      WHERE c.case_id = t.case_id AND c.assignment_id = t.assignment_id AND c.hop = t.hop AND c.cycle = t.cycle AND c.state = 'running'
      OFFSET 0) c
   WHERE t.fire_at <= now()
   ORDER BY t.fire_at
   LIMIT $1
   FOR UPDATE OF t SKIP LOCKED`;

/** A fired threshold is recorded once: a warning already there (a claim racing a recalculation) says nothing again. */
const recordWarnings = insertRows<Fired & { readonly firedAt: Date }>(
  'supervision.sla_warnings',
  [
    { name: 'warning_id', type: 'uuid', value: (f) => f.warningId },
    { name: 'case_id', type: 'uuid', value: (f) => f.timer.caseId },
    { name: 'assignment_id', type: 'text', value: (f) => f.timer.assignmentId },
    { name: 'hop', type: 'text', value: (f) => f.timer.hop },
    { name: 'cycle', type: 'int', value: (f) => f.timer.cycle },
    { name: 'threshold', type: 'text', value: (f) => f.timer.threshold },
    { name: 'level', type: 'text', value: (f) => f.alarm.level },
    { name: 'department_code', type: 'text', value: (f) => f.timer.departmentCode },
    { name: 'due_at', type: 'timestamptz', value: (f) => f.timer.dueAt },
    { name: 'scheduled_at', type: 'timestamptz', value: (f) => f.timer.fireAt },
    { name: 'fired_at', type: 'timestamptz', value: (f) => f.firedAt },
    { name: 'order_due_at', type: 'timestamptz', value: (f) => f.alarm.orderDueAt },
    { name: 'escalated_to', type: 'text', value: (f) => f.alarm.escalatedTo },
  ],
  'ON CONFLICT (case_id, assignment_id, hop, cycle, threshold) DO NOTHING RETURNING warning_id',
);

/** What each claimed clock has left to fire (the next repeated alarm included); a clock with nothing left loses its row. */
const RESCHEDULE = `WITH r AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::timestamptz[], $6::jsonb[])
                     AS r(case_id, assignment_id, hop, cycle, fire_at, pending)),
  done AS (DELETE FROM supervision.sla_clock_timers t USING r
            WHERE r.pending IS NULL AND t.case_id = r.case_id AND t.assignment_id = r.assignment_id AND t.hop = r.hop AND t.cycle = r.cycle)
  UPDATE supervision.sla_clock_timers t SET fire_at = r.fire_at, pending = r.pending FROM r
   WHERE r.pending IS NOT NULL AND t.case_id = r.case_id AND t.assignment_id = r.assignment_id AND t.hop = r.hop AND t.cycle = r.cycle`;

interface Fired {
  readonly timer: DueTimer;
  readonly row: DueClockRow;
  readonly alarm: Alarm;
  readonly warningId: string;
}

/**
 * Fires the SLA timers that came due, on every replica: yellow (预警) with a reminder (催办) to the handling
 * department, red (超时) opening a supervision order (督办) with its own deadline, repeated alarms while
 * breached, escalation to the supervising body. Each warning goes out through supervision's outbox.
 */
@Injectable()
export class FireSlaTimersPeriodically implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SlaTimers');
  private readonly pollMs = timerPollMs();
  private readonly time: WorkingTime;
  private loop: PollLoop | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(WORKING_CALENDAR) calendar: WorkingCalendar,
    @Inject(SLA_DEFINITIONS) private readonly definitions: SlaDefinitions,
  ) {
    this.time = new WorkingTime(calendar);
  }

  onApplicationBootstrap(): void {
    this.loop = new PollLoop(
      this.pollMs,
      () => this.fireAllDue().then(() => undefined),
      (error) => this.logger.warn(`could not fire SLA timers: ${error.message}`),
    );
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop?.stop();
  }

  /** Fires every due timer, a claim at a time; returns how many fired. */
  async fireAllDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const fired = await runInTransaction(poolOf(this.dataSource), (transaction) => this.fireClaimed(transaction));
      total += fired;
      if (fired < CLAIM_LIMIT || this.stopped) return total;
    }
  }

  private async fireClaimed(transaction: Sql): Promise<number> {
    const rows: DueClockRow[] = await transaction.query(CLAIM_DUE_CLOCKS, [CLAIM_LIMIT]);
    if (rows.length === 0) return 0;
    const firedAt = new Date();
    const fired: Fired[] = [];
    const left = rows.map((row) => {
      const pending: TimerDue[] = row.pending.map(({ threshold, fireAt }) => ({ threshold, fireAt: new Date(fireAt) }));
      const rest = pending.filter((timer) => timer.fireAt > row.claimed_at);
      for (const { threshold, fireAt } of pending.filter((timer) => timer.fireAt <= row.claimed_at)) {
        const timer: DueTimer = {
          caseId: row.case_id,
          assignmentId: row.assignment_id,
          hop: row.hop,
          cycle: row.cycle,
          threshold,
          fireAt,
          departmentCode: row.department_code,
          dueAt: row.due_at,
        };
        const alarm = alarmOf(timer, this.definitions, this.time, firedAt);
        if (alarm.next) rest.push(alarm.next);
        fired.push({ timer, row, alarm, warningId: randomUUID() });
      }
      return { row, rest: rest.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime()) };
    });
    await transaction.query(RESCHEDULE, [
      left.map(({ row }) => row.case_id),
      left.map(({ row }) => row.assignment_id),
      left.map(({ row }) => row.hop),
      left.map(({ row }) => row.cycle),
      left.map(({ rest }) => rest[0]?.fireAt ?? null),
      left.map(({ rest }) => (rest.length > 0 ? JSON.stringify(rest) : null)),
    ]);
    const recorded: { warning_id: string }[] = await recordWarnings.run(
      transaction,
      fired.map((f) => ({ ...f, firedAt })),
    );
    const warned = new Set(recorded.map((row) => row.warning_id));
    const told = fired.filter((f) => warned.has(f.warningId));
    await this.outbox.appendAll(
      transaction,
      told.flatMap((f) => this.eventsOf(f, firedAt)),
    );
    for (const { timer, alarm } of told)
      this.logger.log(`SLA ${timer.threshold} for the ${timer.hop} of case ${timer.caseId} (${timer.departmentCode}), ${alarm.level}`);
    return rows.length;
  }

  private eventsOf({ timer, row, alarm, warningId }: Fired, firedAt: Date): EncodedEvent[] {
    const context = newTraceContext();
    const about = { caseId: timer.caseId, assignmentId: timer.assignmentId, departmentCode: timer.departmentCode, hop: timer.hop };
    const events: EncodedEvent[] = [];
    if (alarm.warns)
      events.push(
        encodeEvent(
          SupervisionEvents.slaWarning,
          timer.caseId,
          {
            ...about,
            warningId,
            cycle: timer.cycle,
            level: alarm.level === 'yellow' ? WarningLevel.YELLOW : WarningLevel.RED,
            threshold: timer.threshold,
            dueAt: timestampFromDate(timer.dueAt),
            firedAt: timestampFromDate(firedAt),
            definitionId: row.definition_id,
            definitionsVersion: row.definitions_version,
          },
          context,
          firedAt,
        ),
      );
    if (alarm.remindsDepartment)
      events.push(
        encodeEvent(
          SupervisionEvents.reminderIssued,
          timer.caseId,
          {
            ...about,
            reminderId: warningId,
            threshold: timer.threshold,
            dueAt: timestampFromDate(timer.dueAt),
            issuedAt: timestampFromDate(firedAt),
          },
          context,
          firedAt,
        ),
      );
    if (alarm.orderDueAt)
      events.push(
        encodeEvent(
          SupervisionEvents.orderOpened,
          timer.caseId,
          {
            ...about,
            orderId: warningId,
            clockDueAt: timestampFromDate(timer.dueAt),
            orderDueAt: timestampFromDate(alarm.orderDueAt),
            openedAt: timestampFromDate(firedAt),
          },
          context,
          firedAt,
        ),
      );
    if (alarm.escalatedTo)
      events.push(
        encodeEvent(
          SupervisionEvents.caseEscalated,
          timer.caseId,
          {
            ...about,
            escalationId: warningId,
            supervisingBody: alarm.escalatedTo,
            dueAt: timestampFromDate(timer.dueAt),
            escalatedAt: timestampFromDate(firedAt),
          },
          context,
          firedAt,
        ),
      );
    return events;
  }
}
