import { setTimeout as sleep } from 'node:timers/promises';
import { Events } from '@ugov/contracts';
import type { MessageBus } from '@ugov/messaging';
import type { Sql } from '@ugov/persistence';
import { demoCatalog, eventsOfCase, monthEnd, planCase, type KpiMonth, type PlannedCase } from './kpi-month';

const CASES_PER_MESSAGE_BATCH = 500;
const FOLLOW_UPS_AT_ONCE = 8;
/** The event types the month is told in: supervision records each once on the timeline. */
const TOLD = [
  Events.caseAssigned,
  Events.assignmentReturned,
  Events.assignmentSigned,
  Events.handlingPaused,
  Events.handlingResumed,
  Events.caseReplied,
  Events.caseEvaluated,
  Events.redoOrdered,
].map((definition) => definition.type);

export interface PublishedMonth {
  readonly cases: number;
  readonly events: number;
  readonly followUpsRecorded: number;
  readonly seconds: number;
}

/**
 * Tells supervision a generated month (as dispatch, processing and intake would, on their topics): each phase once
 * the previous one is on the timeline, then records the follow-up calls planned, over HTTP as a supervisor does.
 */
export async function publishKpiMonth(
  month: KpiMonth,
  bus: MessageBus,
  sql: Sql,
  supervision: { url: string; token: string },
  progress: (line: string) => void = () => undefined,
): Promise<PublishedMonth> {
  if (monthEnd(month) > new Date()) throw new Error(`${month.month} is too recent: every event of the month must lie in the past`);
  const started = Date.now();
  const catalog = demoCatalog();
  const [{ before }]: { before: number }[] = await sql.query(
    'SELECT count(*)::int AS before FROM supervision.timeline_entries WHERE event_type = ANY($1::text[])',
    [TOLD],
  );
  let published = 0;
  for (const phase of [1, 2, 3] as const) {
    for (let first = 0; first < month.cases; first += CASES_PER_MESSAGE_BATCH) {
      const events = [];
      for (let index = first; index < Math.min(month.cases, first + CASES_PER_MESSAGE_BATCH); index++)
        events.push(...eventsOfCase(planCase(month, catalog, index), phase));
      await bus.publish(events);
      published += events.length;
    }
    for (;;) {
      const [{ recorded }]: { recorded: number }[] = await sql.query(
        'SELECT count(*)::int AS recorded FROM supervision.timeline_entries WHERE event_type = ANY($1::text[])',
        [TOLD],
      );
      progress(`phase ${phase}: ${recorded - before} of ${published} events on the timeline`);
      if (recorded - before >= published) break;
      await sleep(1000);
    }
  }
  const followedUp: PlannedCase[] = [];
  for (let index = 0; index < month.cases; index++) {
    const plan = planCase(month, catalog, index);
    if (plan.followedUp) followedUp.push(plan);
  }
  let recorded = 0;
  for (let first = 0; first < followedUp.length; first += 1000) {
    const cases = followedUp.slice(first, first + 1000).map((plan) => plan.caseId);
    // The first reply's call of each case.
    const calls: { follow_up_id: string }[] = await sql.query(
      `SELECT DISTINCT ON (case_id) follow_up_id FROM supervision.follow_ups WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, closed_at`,
      [cases],
    );
    for (let at = 0; at < calls.length; at += FOLLOW_UPS_AT_ONCE)
      await Promise.all(
        calls.slice(at, at + FOLLOW_UPS_AT_ONCE).map(async ({ follow_up_id }) => {
          const response = await fetch(`${supervision.url}/v1/follow-ups/${follow_up_id}/record`, {
            method: 'POST',
            headers: { authorization: `Bearer ${supervision.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ reached: true, satisfied: true, note: '回访：群众认可办理结果。' }),
          });
          if (response.status !== 200 && response.status !== 201)
            throw new Error(`recording follow-up ${follow_up_id}: ${response.status} ${await response.text()}`);
          recorded++;
        }),
      );
    progress(`follow-up calls recorded: ${recorded}`);
  }
  return { cases: month.cases, events: published, followUpsRecorded: recorded, seconds: (Date.now() - started) / 1000 };
}
