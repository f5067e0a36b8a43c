import { insertRows, type Sql } from '@ugov/persistence';
import { CLOCK_RULES, FOLLOW_UP_RECORDED, type CaseEvent } from '../domain/clock-rules';
import { clockKeyText, type ClockCycle, type ClockKey, type MeasuredCycle } from '../domain/sla-clock';
import type { Hop, SlaDefinitions, Urgency } from '../domain/sla-definitions';

export interface ClockRow {
  case_id: string;
  assignment_id: string;
  hop: string;
  cycle: number;
  case_type: string;
  urgency: string;
  category_code: string;
  department_code: string;
  started_at: Date;
  pauses: { from: string; to: string }[];
  paused_since: Date | null;
  deadline_set_at: Date | null;
  deadline_until: Date | null;
  ended_at: Date | null;
  end: 'stopped' | 'reset' | null;
}

export function cycleOfRow(row: ClockRow): ClockCycle {
  const hop = row.hop as Hop;
  return {
    key: { caseId: row.case_id, assignmentId: row.assignment_id, hop },
    cycle: row.cycle,
    subject: {
      hop,
      caseType: row.case_type,
      urgency: row.urgency as Urgency,
      categoryCode: row.category_code,
      departmentCode: row.department_code,
    },
    startedAt: row.started_at,
    pauses: row.pauses.map((pause) => ({ from: new Date(pause.from), to: new Date(pause.to) })),
    pausedSince: row.paused_since,
    deadline: row.deadline_set_at && row.deadline_until ? { setAt: row.deadline_set_at, until: row.deadline_until } : null,
    endedAt: row.ended_at,
    end: row.end,
  };
}

const FACT_COLUMNS = `case_id, assignment_id, hop, cycle, case_type, urgency, category_code, department_code, started_at, pauses,
  paused_since, deadline_set_at, deadline_until, ended_at, "end"`;

/** The latest cycle of each key, locked until the transaction ends (a recalculation waits for it, and it for one). */
const LATEST_CYCLES = `SELECT ${FACT_COLUMNS} FROM supervision.sla_clocks
  WHERE (case_id, assignment_id, hop) IN (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]))
  ORDER BY cycle FOR UPDATE`;

/** The latest cycle of every clock of whole cases (a withdrawal stops them all), locked likewise. */
const LATEST_CYCLES_OF_CASES = `SELECT ${FACT_COLUMNS} FROM supervision.sla_clocks WHERE case_id = ANY($1::uuid[]) ORDER BY cycle FOR UPDATE`;

export async function latestCycles(sql: Sql, keys: readonly ClockKey[], caseIds: readonly string[] = []): Promise<Map<string, ClockCycle>> {
  const latest = new Map<string, ClockCycle>();
  const rows: ClockRow[] = [
    ...(keys.length === 0
      ? []
      : await sql.query(LATEST_CYCLES, [keys.map((key) => key.caseId), keys.map((key) => key.assignmentId), keys.map((key) => key.hop)])),
    ...(caseIds.length === 0 ? [] : await sql.query(LATEST_CYCLES_OF_CASES, [caseIds])),
  ];
  for (const row of rows) {
    const cycle = cycleOfRow(row);
    const key = clockKeyText(cycle.key);
    if ((latest.get(key)?.cycle ?? 0) <= cycle.cycle) latest.set(key, cycle);
  }
  return latest;
}

type ClockWrite = MeasuredCycle & { readonly definitions: SlaDefinitions; readonly updatedAt: Date };

const upsertClocks = insertRows<ClockWrite>(
  'supervision.sla_clocks',
  [
    { name: 'case_id', type: 'uuid', value: ({ cycle }) => cycle.key.caseId },
    { name: 'assignment_id', type: 'text', value: ({ cycle }) => cycle.key.assignmentId },
    { name: 'hop', type: 'text', value: ({ cycle }) => cycle.key.hop },
    { name: 'cycle', type: 'int', value: ({ cycle }) => cycle.cycle },
    { name: 'case_type', type: 'text', value: ({ cycle }) => cycle.subject.caseType },
    { name: 'urgency', type: 'text', value: ({ cycle }) => cycle.subject.urgency },
    { name: 'category_code', type: 'text', value: ({ cycle }) => cycle.subject.categoryCode },
    { name: 'department_code', type: 'text', value: ({ cycle }) => cycle.subject.departmentCode },
    { name: 'started_at', type: 'timestamptz', value: ({ cycle }) => cycle.startedAt },
    { name: 'pauses', type: 'jsonb', value: ({ cycle }) => cycle.pauses },
    { name: 'paused_since', type: 'timestamptz', value: ({ cycle }) => cycle.pausedSince },
    { name: 'deadline_set_at', type: 'timestamptz', value: ({ cycle }) => cycle.deadline?.setAt ?? null },
    { name: 'deadline_until', type: 'timestamptz', value: ({ cycle }) => cycle.deadline?.until ?? null },
    { name: 'ended_at', type: 'timestamptz', value: ({ cycle }) => cycle.endedAt },
    { name: 'end', type: 'text', value: ({ cycle }) => cycle.end },
    { name: 'definition_id', type: 'text', value: ({ status }) => status.definition.id },
    { name: 'definitions_version', type: 'int', value: ({ definitions }) => definitions.version },
    { name: 'definitions_digest', type: 'text', value: ({ definitions }) => definitions.digest },
    { name: 'state', type: 'text', value: ({ status }) => status.state },
    { name: 'due_at', type: 'timestamptz', value: ({ status }) => status.dueAt },
    { name: 'breached_at_end', type: 'boolean', value: ({ cycle, status }) => (cycle.endedAt ? status.breached : null) },
    { name: 'updated_at', type: 'timestamptz', value: ({ updatedAt }) => updatedAt },
  ],
  `ON CONFLICT (case_id, assignment_id, hop, cycle) DO UPDATE SET
     pauses = EXCLUDED.pauses, paused_since = EXCLUDED.paused_since,
     deadline_set_at = EXCLUDED.deadline_set_at, deadline_until = EXCLUDED.deadline_until,
     ended_at = EXCLUDED.ended_at, "end" = EXCLUDED."end", case_type = EXCLUDED.case_type, urgency = EXCLUDED.urgency,
     category_code = EXCLUDED.category_code, department_code = EXCLUDED.department_code, started_at = EXCLUDED.started_at,
     definition_id = EXCLUDED.definition_id, definitions_version = EXCLUDED.definitions_version,
     definitions_digest = EXCLUDED.definitions_digest, state = EXCLUDED.state, due_at = EXCLUDED.due_at,
     breached_at_end = EXCLUDED.breached_at_end, updated_at = EXCLUDED.updated_at
   RETURNING 1`,
);

const P = upsertClocks.parameter;
/**
 * The cycles and their timers in one statement. A running cycle keeps one timer row whose `pending` holds the
 * thresholds not yet fired (a threshold that fired has its sla_warnings row), earliest first; the timer of a cycle
 * that is no longer running is dropped (a paused clock does not warn).
 */
const SAVE_CYCLES = `WITH saved AS (${upsertClocks.text}),
  not_running AS (SELECT * FROM unnest($${P + 1}::uuid[], $${P + 2}::text[], $${P + 3}::text[], $${P + 4}::int[]) AS s(case_id, assignment_id, hop, cycle)),
  dropped AS (DELETE FROM supervision.sla_clock_timers t USING not_running s
               WHERE t.case_id = s.case_id AND t.assignment_id = s.assignment_id AND t.hop = s.hop AND t.cycle = s.cycle),
  due AS (SELECT * FROM unnest($${P + 5}::uuid[], $${P + 6}::text[], $${P + 7}::text[], $${P + 8}::int[], $${P + 9}::text[], $${P + 10}::timestamptz[])
            AS d(case_id, assignment_id, hop, cycle, threshold, fire_at)
           WHERE NOT EXISTS (SELECT 1 FROM supervision.sla_warnings w WHERE w.case_id = d.case_id AND w.assignment_id = d.assignment_id
                               AND w.hop = d.hop AND w.cycle = d.cycle AND w.threshold = d.threshold))
  INSERT INTO supervision.sla_clock_timers (case_id, assignment_id, hop, cycle, fire_at, pending)
  SELECT case_id, assignment_id, hop, cycle, min(fire_at), jsonb_agg(jsonb_build_object('threshold', threshold, 'fireAt', fire_at) ORDER BY fire_at, threshold)
    FROM due GROUP BY case_id, assignment_id, hop, cycle
  ON CONFLICT (case_id, assignment_id, hop, cycle) DO UPDATE SET fire_at = EXCLUDED.fire_at, pending = EXCLUDED.pending`;

/** Writes measured cycles and their timers with one statement. */
export async function saveCycles(
  sql: Sql,
  measured: readonly MeasuredCycle[],
  definitions: SlaDefinitions,
  updatedAt: Date,
): Promise<void> {
  if (measured.length === 0) return;
  const writes = measured.map((entry) => ({ ...entry, definitions, updatedAt }));
  const notRunning = measured.filter(({ status }) => status.state !== 'running').map(({ cycle }) => cycle);
  const timers = measured.flatMap(({ cycle, timers: due }) => due.map((timer) => ({ cycle, timer })));
  await sql.query(SAVE_CYCLES, [
    upsertClocks.parameterOf(writes),
    notRunning.map((cycle) => cycle.key.caseId),
    notRunning.map((cycle) => cycle.key.assignmentId),
    notRunning.map((cycle) => cycle.key.hop),
    notRunning.map((cycle) => cycle.cycle),
    timers.map(({ cycle }) => cycle.key.caseId),
    timers.map(({ cycle }) => cycle.key.assignmentId),
    timers.map(({ cycle }) => cycle.key.hop),
    timers.map(({ cycle }) => cycle.cycle),
    timers.map(({ timer }) => timer.threshold),
    timers.map(({ timer }) => timer.fireAt),
  ]);
}

/**
 * The timeline's one lock (its chain head): taken by every append, by a recalculation's page and by a follow-up
 * call's recording, so that a clock is never rebuilt from events that change under it.
 */
export const LOCK_TIMELINE = 'SELECT 1 FROM supervision.audit_chain_head FOR UPDATE';

/** The event types that move clocks. */
export const CLOCK_EVENT_TYPES = Object.keys(CLOCK_RULES);

/**
 * The clock-moving events of these cases in the order they happened: the timeline's, and the follow-up calls
 * recorded (supervision's own record, not on the timeline), read back as FOLLOW_UP_RECORDED events.
 */
export async function clockEventsOfCases(sql: Sql, caseIds: readonly string[]): Promise<CaseEvent[]> {
  const rows: { event_type: string; case_id: string; occurred_at: Date; details: Record<string, string> }[] = await sql.query(
    `SELECT event_type, case_id, occurred_at, details FROM (
       SELECT event_type, case_id, occurred_at, details, chain_seq FROM supervision.timeline_entries
        WHERE case_id = ANY($1::uuid[]) AND event_type = ANY($2::text[])
       UNION ALL
       SELECT $3::text, case_id, recorded_at, jsonb_build_object('assignmentId', assignment_id, 'departmentCode', department_code,
                'closedAt', to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), NULL
         FROM supervision.follow_ups WHERE case_id = ANY($1::uuid[]) AND recorded_at IS NOT NULL
     ) AS events ORDER BY case_id, occurred_at, chain_seq NULLS LAST`,
    [caseIds, CLOCK_EVENT_TYPES, FOLLOW_UP_RECORDED],
  );
  return rows.map((row) => ({ eventType: row.event_type, caseId: row.case_id, occurredAt: row.occurred_at, details: row.details }));
}

/**
 * The cases among `events` that got an event older than one recorded before `recordedAt` (a batch of another
 * topic came first: a sign-off before its assignment): their clocks must be replayed in the order things happened.
 */
export async function casesWithLateEvents(sql: Sql, events: readonly CaseEvent[], recordedAt: Date): Promise<Set<string>> {
  const oldest = new Map<string, number>();
  for (const event of events) oldest.set(event.caseId, Math.min(oldest.get(event.caseId) ?? Infinity, event.occurredAt.getTime()));
  const rows: { case_id: string; latest: Date }[] = await sql.query(
    `SELECT case_id, max(occurred_at) AS latest FROM supervision.timeline_entries
      WHERE case_id = ANY($1::uuid[]) AND event_type = ANY($2::text[]) AND recorded_at < $3 GROUP BY case_id`,
    [[...oldest.keys()], CLOCK_EVENT_TYPES, recordedAt],
  );
  return new Set(rows.filter((row) => oldest.get(row.case_id)! < row.latest.getTime()).map((row) => row.case_id));
}
