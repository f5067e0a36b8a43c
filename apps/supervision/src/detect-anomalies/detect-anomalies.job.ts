import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { chinaDateOf, type WorkingCalendar } from '@ugov/calendar';
import { poolOf, runInTransaction, type Sql } from '@ugov/persistence';
import { PollLoop } from '@ugov/platform';
import { isStale, offSystemReasonOf, returnRateOutliers, type AnomalySettings } from '../domain/anomaly-rules';
import { WorkingTime } from '../domain/working-time';
import { anomalySettingsFrom, anomalySweepFrom } from '../infra/figures-settings';
import { WORKING_CALENDAR } from '../infra/working-calendar.provider';
import { AnomalyRecorder, type NewAnomaly } from './anomaly-recorder';

const PAGE = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Replies whose grace period has passed, with what supervision knows of their assignment; claimed so that another replica skips them. */
const CLAIM_REPLY_CHECKS = `SELECT r.assignment_id, r.case_id, r.department_code, r.replied_at, f.assigned_at, f.signed_at,
         f.assigned_at IS NOT NULL AS known
    FROM supervision.reply_checks r LEFT JOIN supervision.assignment_facts f USING (assignment_id)
   WHERE r.recorded_at <= $1 ORDER BY r.recorded_at LIMIT ${PAGE} FOR UPDATE OF r SKIP LOCKED`;
const DONE_CHECKS = `DELETE FROM supervision.reply_checks WHERE assignment_id = ANY($1::text[])`;
/** Open assignments with no event since the cutoff (a calendar-day bound; working days are counted after) and no stale anomaly yet. */
const STALE_CANDIDATES = `SELECT DISTINCT ON (f.case_id) f.case_id, f.department_code, f.last_event_at
    FROM supervision.assignment_facts f
   WHERE f.replied_at IS NULL AND f.returned_at IS NULL AND f.last_event_at < $1 AND f.assigned_at IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM supervision.anomalies a WHERE a.kind = 'stale-case' AND a.subject = f.case_id::text)
   ORDER BY f.case_id, f.last_event_at LIMIT ${PAGE}`;
const RETURNS_BY_DEPARTMENT = `SELECT department_code, count(*)::int AS assignments, count(returned_at)::int AS returned
    FROM supervision.assignment_facts WHERE assigned_at >= $1 GROUP BY department_code`;

/**
 * The anomaly rules that need time to pass, on every replica, every ANOMALY_SWEEP_MS: off-system replies (体外循环,
 * checked a grace period after the reply so that a sign-off on another topic has arrived), stale cases and
 * departments' return rates. What it finds is recorded once per kind and subject (a unique key), with its event in
 * the same transaction, so a restart or a second replica fires nothing twice.
 */
@Injectable()
export class DetectAnomaliesPeriodically implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AnomalySweep');
  private readonly settings: AnomalySettings = anomalySettingsFrom();
  private readonly sweep = anomalySweepFrom();
  private readonly time: WorkingTime;
  private loop: PollLoop | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anomalies: AnomalyRecorder,
    @Inject(WORKING_CALENDAR) calendar: WorkingCalendar,
  ) {
    this.time = new WorkingTime(calendar);
  }

  onApplicationBootstrap(): void {
    this.loop = new PollLoop(
      this.sweep.sweepMs,
      () => this.detect().then(() => undefined),
      (error) => this.logger.warn(`could not sweep for anomalies: ${error.message}`),
    );
    this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop?.stop();
  }

  /** One sweep of every timed rule; returns how many anomalies it recorded. */
  async detect(now = new Date()): Promise<number> {
    const pool = poolOf(this.dataSource);
    let total = 0;
    for (;;) {
      const { checked, recorded } = await runInTransaction(pool, (transaction) => this.checkReplies(transaction, now));
      total += recorded;
      if (checked < PAGE || this.stopped) break;
    }
    total += await runInTransaction(pool, (transaction) => this.staleCases(transaction, now));
    total += await runInTransaction(pool, (transaction) => this.returnRates(transaction, now));
    return total;
  }

  private async checkReplies(transaction: Sql, now: Date): Promise<{ checked: number; recorded: number }> {
    const rows: {
      assignment_id: string;
      case_id: string;
      department_code: string;
      replied_at: Date;
      assigned_at: Date | null;
      signed_at: Date | null;
      known: boolean;
    }[] = await transaction.query(CLAIM_REPLY_CHECKS, [new Date(now.getTime() - this.sweep.replyCheckGraceMs)]);
    if (rows.length === 0) return { checked: 0, recorded: 0 };
    const found: NewAnomaly[] = [];
    for (const row of rows) {
      const assignment = row.known ? { assignedAt: row.assigned_at!, signedAt: row.signed_at } : undefined;
      const reason = offSystemReasonOf(row.replied_at, assignment, this.settings.minReplyMs);
      if (!reason) continue;
      found.push({
        kind: 'off-system',
        subject: row.case_id,
        reason,
        caseId: row.case_id,
        departmentCode: row.department_code,
        details: {
          assignmentId: row.assignment_id,
          repliedAt: row.replied_at.toISOString(),
          ...(row.assigned_at ? { assignedAt: row.assigned_at.toISOString() } : {}),
          ...(row.signed_at ? { signedAt: row.signed_at.toISOString() } : {}),
          ...(reason === 'reply-too-fast' ? { minReplySeconds: String(this.settings.minReplyMs / 1000) } : {}),
        },
      });
    }
    await transaction.query(DONE_CHECKS, [rows.map((row) => row.assignment_id)]);
    return { checked: rows.length, recorded: await this.anomalies.record(transaction, found, now) };
  }

  /** 久拖不办: open cases with no event for the configured working days. */
  private async staleCases(transaction: Sql, now: Date): Promise<number> {
    const staleMs = this.settings.staleWorkingDays * DAY_MS;
    const rows: { case_id: string; department_code: string; last_event_at: Date }[] = await transaction.query(STALE_CANDIDATES, [
      new Date(now.getTime() - staleMs),
    ]);
    const found: NewAnomaly[] = rows
      .filter((row) => isStale(row.last_event_at, now, this.settings.staleWorkingDays, this.time))
      .map((row) => ({
        kind: 'stale-case',
        subject: row.case_id,
        reason: 'no-event',
        caseId: row.case_id,
        departmentCode: row.department_code,
        details: { lastEventAt: row.last_event_at.toISOString(), workingDays: String(this.settings.staleWorkingDays) },
      }));
    return this.anomalies.record(transaction, found, now);
  }

  /** Departments whose return rate (退单率) over the window is above mean + kσ; once per department and day. */
  private async returnRates(transaction: Sql, now: Date): Promise<number> {
    const rows: { department_code: string; assignments: number; returned: number }[] = await transaction.query(RETURNS_BY_DEPARTMENT, [
      new Date(now.getTime() - this.settings.returnRateWindowDays * DAY_MS),
    ]);
    const outliers = returnRateOutliers(
      rows.map((row) => ({ departmentCode: row.department_code, assignments: row.assignments, returned: row.returned })),
      this.settings.returnRateMinAssignments,
      this.settings.returnRateSigmas,
    );
    const day = chinaDateOf(now);
    const round = (value: number) => String(Math.round(value * 10_000) / 10_000);
    return this.anomalies.record(
      transaction,
      outliers.map((outlier) => ({
        kind: 'return-rate',
        subject: `${outlier.departmentCode}:${day}`,
        reason: 'above-mean-plus-sigmas',
        caseId: null,
        departmentCode: outlier.departmentCode,
        details: {
          assignments: String(outlier.assignments),
          returned: String(outlier.returned),
          rate: round(outlier.rate),
          mean: round(outlier.mean),
          standardDeviation: round(outlier.standardDeviation),
          threshold: round(outlier.threshold),
          windowDays: String(this.settings.returnRateWindowDays),
        },
      })),
      now,
    );
  }
}
