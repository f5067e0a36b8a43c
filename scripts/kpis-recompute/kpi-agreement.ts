import type { WorkingCalendar } from '@ugov/calendar';
import { Events } from '@ugov/contracts';
import type { Sql } from '@ugov/persistence';
import {
  countKpis,
  recomputeAssignments,
  type RecomputedAssignment,
  type RecomputedGrouping,
  type RecomputedInterval,
  type RecordedEvent,
  type RecordedFollowUp,
} from '../../apps/supervision/src/domain/kpi-recomputation';
import { rankKpis, type KpiRow, type KpiWeights, type KpiZones } from '../../apps/supervision/src/domain/kpi-score';
import type { SlaDefinitions } from '../../apps/supervision/src/domain/sla-definitions';

const CASES_PER_PAGE = 2000;
const DAY_MS = 86_400_000;

/** The cases with an assignment recorded in the period (a day either side, for time zones), oldest case first. */
const CASES_ASSIGNED = `SELECT DISTINCT case_id FROM supervision.timeline_entries
  WHERE event_type = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY case_id`;
/** Every event of the cases, in the order supervision chained them. */
const EVENTS_OF_CASES = `SELECT event_id, event_type, case_id, occurred_at, details FROM supervision.timeline_entries
  WHERE case_id = ANY($1::uuid[]) ORDER BY chain_seq`;
/** The follow-up calls supervisors recorded (over HTTP, so not on the timeline), by the reply that scheduled each. */
const FOLLOW_UPS_OF_CASES = `SELECT reply_event_id, recorded_at FROM supervision.follow_ups
  WHERE case_id = ANY($1::uuid[]) AND recorded_at IS NOT NULL`;

export interface Recomputation {
  readonly cases: number;
  readonly events: number;
  readonly assignments: readonly RecomputedAssignment[];
}

/**
 * Every assignment of the cases assigned in the period, worked out again from supervision's timeline (its raw event
 * log) and the follow-up calls recorded: not from assignment_facts, which the consumers keep and the API reads.
 */
export async function recomputeFromTimeline(
  sql: Sql,
  period: { from: string; to: string },
  definitions: SlaDefinitions,
  calendar: WorkingCalendar,
  now: Date,
): Promise<Recomputation> {
  const cases: { case_id: string }[] = await sql.query(CASES_ASSIGNED, [
    Events.caseAssigned.type,
    new Date(Date.parse(`${period.from}T00:00:00Z`) - DAY_MS),
    new Date(Date.parse(`${period.to}T00:00:00Z`) + 2 * DAY_MS),
  ]);
  const assignments: RecomputedAssignment[] = [];
  let events = 0;
  for (let start = 0; start < cases.length; start += CASES_PER_PAGE) {
    const caseIds = cases.slice(start, start + CASES_PER_PAGE).map((row) => row.case_id);
    const rows: { event_id: string; event_type: string; case_id: string; occurred_at: Date; details: Record<string, string> }[] =
      await sql.query(EVENTS_OF_CASES, [caseIds]);
    const recorded: { reply_event_id: string; recorded_at: Date }[] = await sql.query(FOLLOW_UPS_OF_CASES, [caseIds]);
    const timeline: RecordedEvent[] = rows.map((row) => ({
      eventId: row.event_id,
      eventType: row.event_type,
      caseId: row.case_id,
      occurredAt: row.occurred_at,
      details: row.details,
    }));
    const followUps = new Map<string, RecordedFollowUp>(
      recorded.map((row) => [row.reply_event_id, { replyEventId: row.reply_event_id, recordedAt: row.recorded_at }]),
    );
    assignments.push(...recomputeAssignments(timeline, followUps, definitions, calendar, now));
    events += rows.length;
  }
  return { cases: cases.length, events, assignments };
}

/** Every grouping, whole and split by day, week and month: the tables the check compares. */
export const CHECKED_QUERIES: readonly { by: RecomputedGrouping; interval?: RecomputedInterval }[] = (
  ['department', 'region', 'category', 'level'] as const
).flatMap((by) => [{ by }, ...(['day', 'week', 'month'] as const).map((interval) => ({ by, interval }))]);

export interface Agreement {
  readonly queries: number;
  readonly rows: number;
  /** Values compared: every field of every row. */
  readonly values: number;
  /** What differs, one line each: query, row, field, the API's value and the recomputed one. */
  readonly disagreements: readonly string[];
}

type ApiItem = Record<string, unknown> & { key: string; period?: string };

/**
 * GET /v1/kpis for every checked query of the period against the same table recomputed here: same rows, and every
 * field of every row equal (counts, the nine rates, score, rank, zone).
 */
export async function compareWithApi(
  api: { url: string; token: string },
  period: { from: string; to: string },
  recomputation: Recomputation,
  settings: { weights: KpiWeights; zones: KpiZones },
  now: Date,
): Promise<Agreement> {
  const disagreements: string[] = [];
  let rows = 0;
  let values = 0;
  for (const query of CHECKED_QUERIES) {
    const search = new URLSearchParams({
      from: period.from,
      to: period.to,
      by: query.by,
      ...(query.interval ? { interval: query.interval } : {}),
    });
    const label = `by=${query.by}${query.interval ? `&interval=${query.interval}` : ''}`;
    const response = await fetch(`${api.url}/v1/kpis?${search}`, { headers: { authorization: `Bearer ${api.token}` } });
    if (response.status !== 200) {
      disagreements.push(`${label}: the API answered ${response.status}: ${await response.text()}`);
      continue;
    }
    const items = ((await response.json()) as { items: ApiItem[] }).items;
    const recomputed = rankKpis(countKpis(recomputation.assignments, { ...period, ...query }, now), settings.weights, settings.zones);
    const idOf = (row: { key: string; period?: string }) => `${row.period ?? ''}|${row.key}`;
    const expected = new Map<string, KpiRow>(recomputed.map((row) => [idOf(row), row]));
    const fields = new Set<string>([...Object.keys(recomputed[0] ?? {}), ...Object.keys(items[0] ?? {})]);
    for (const item of items) {
      const row = expected.get(idOf(item)) as unknown as Record<string, unknown> | undefined;
      expected.delete(idOf(item));
      rows++;
      if (!row) {
        disagreements.push(`${label} ${idOf(item)}: in the API, not recomputed`);
        continue;
      }
      for (const field of fields) {
        values++;
        if ((item[field] ?? null) !== (row[field] ?? null))
          disagreements.push(`${label} ${idOf(item)} ${field}: API ${String(item[field])}, recomputed ${String(row[field])}`);
      }
    }
    for (const id of expected.keys()) disagreements.push(`${label} ${id}: recomputed, not in the API`);
  }
  return { queries: CHECKED_QUERIES.length, rows, values, disagreements };
}

/**
 * Where the tables disagree, which assignments do: supervision's kept facts against the recomputed ones, field by
 * field (at most `limit` lines), to tell a consumer's slip from a formula's.
 */
export async function differingAssignments(sql: Sql, recomputation: Recomputation, limit = 20): Promise<string[]> {
  const lines: string[] = [];
  const time = (date: Date | null) => date?.toISOString() ?? null;
  for (let start = 0; start < recomputation.assignments.length && lines.length < limit; start += CASES_PER_PAGE) {
    const page = recomputation.assignments.slice(start, start + CASES_PER_PAGE);
    const rows: Record<string, unknown>[] = await sql.query(
      `SELECT assignment_id, signed_on_time, replied_on_time, replied_at, returned_at, signed_at, deadline, outcome, redo_count,
              rating, to_char(follow_up_due_on, 'YYYY-MM-DD') AS follow_up_due_on, followed_up_at, assigned_at
         FROM supervision.assignment_facts WHERE assignment_id = ANY($1::text[])`,
      [page.map((assignment) => assignment.assignmentId)],
    );
    const kept = new Map(rows.map((row) => [row.assignment_id as string, row]));
    for (const assignment of page) {
      const row = kept.get(assignment.assignmentId);
      const pairs: [string, unknown, unknown][] = [
        ['assigned_at', time((row?.assigned_at as Date) ?? null), time(assignment.assignedAt)],
        ['signed_at', time((row?.signed_at as Date) ?? null), time(assignment.signedAt)],
        ['signed_on_time', row?.signed_on_time ?? null, assignment.signedOnTime],
        ['replied_at', time((row?.replied_at as Date) ?? null), time(assignment.repliedAt)],
        ['replied_on_time', row?.replied_on_time ?? null, assignment.repliedOnTime],
        ['returned_at', time((row?.returned_at as Date) ?? null), time(assignment.returnedAt)],
        ['deadline', time((row?.deadline as Date) ?? null), time(assignment.deadline)],
        ['outcome', row?.outcome ?? null, assignment.outcome],
        ['redo_count', row?.redo_count ?? 0, assignment.redos],
        ['rating', row?.rating ?? null, assignment.rating?.value ?? null],
        ['follow_up_due_on', row?.follow_up_due_on ?? null, assignment.followUpDueOn],
        ['followed_up_at', time((row?.followed_up_at as Date) ?? null), time(assignment.followedUpAt)],
      ];
      for (const [field, stored, recomputed] of pairs)
        if (stored !== recomputed && lines.length < limit)
          lines.push(`assignment ${assignment.assignmentId} ${field}: kept ${String(stored)}, recomputed ${String(recomputed)}`);
    }
  }
  return lines;
}
