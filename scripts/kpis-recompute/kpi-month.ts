import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CaseType, Events, Outcome, PauseEnd, PauseKind, Rating, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, type EncodedEvent } from '@ugov/messaging';
import { seededRandom } from '../redaction/seeded-random';

/**
 * A month of generated cases, each one assignment, told as the other services tell supervision (case-assigned from
 * dispatch; sign-off, return, pause, reply and redo from processing; evaluations from intake), with the times they
 * happened. Every case is planned from its number and the run's seed alone, so each phase can be generated apart.
 */
export interface KpiMonth {
  readonly month: string;
  readonly cases: number;
  readonly seed: number;
}

interface Department {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly region: string;
}

interface Catalog {
  readonly departments: readonly Department[];
  readonly districts: readonly string[];
  readonly categories: readonly string[];
}

/** The demonstration city's departments (with their levels), districts and categories. */
export function demoCatalog(path = resolve('apps/dispatch/catalog/demo-city.json')): Catalog {
  const document = JSON.parse(readFileSync(path, 'utf8')) as {
    departments: { code: string; level: string; region: string; names: Record<string, string> }[];
    regions: { code: string; level: string }[];
    categories: { code: string }[];
  };
  return {
    departments: document.departments.map((department) => ({
      code: department.code,
      name: department.names['zh-Hans'],
      level: department.level,
      region: department.region,
    })),
    districts: document.regions.filter((region) => region.level === 'district').map((region) => region.code),
    categories: document.categories.map((category) => category.code),
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CASE_TYPES = [CaseType.COMPLAINT, CaseType.CONSULTATION, CaseType.HELP, CaseType.SUGGESTION] as const;
const REPLY_DAYS: Record<number, number> = {
  [CaseType.COMPLAINT]: 10,
  [CaseType.CONSULTATION]: 3,
  [CaseType.HELP]: 5,
  [CaseType.SUGGESTION]: 7,
};
const OUTCOMES = [Outcome.RESOLVED, Outcome.RESOLVED, Outcome.RESOLVED, Outcome.EXPLAINED, Outcome.NOT_RESOLVABLE] as const;
const RATINGS = [
  Rating.VERY_DISSATISFIED,
  Rating.DISSATISFIED,
  Rating.NEUTRAL,
  Rating.SATISFIED,
  Rating.SATISFIED,
  Rating.VERY_SATISFIED,
] as const;

/** A UUID (version 4 layout) from the generator: stable per case and run. */
function uuidOf(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What happens to case `index`: 4% returned, 2% never touched, the rest signed, most replied, some rated, redone, re-replied. */
export interface PlannedCase {
  readonly caseId: string;
  readonly assignmentId: string;
  readonly trackingNumber: string;
  readonly department: Department;
  readonly regionCode: string;
  readonly categoryCode: string;
  readonly caseType: CaseType;
  readonly assignedAt: Date;
  readonly deadline: Date;
  readonly returnedAt?: Date;
  readonly signedAt?: Date;
  readonly pause?: { readonly at: Date; readonly until: Date };
  readonly reply?: { readonly at: Date; readonly outcome: Outcome };
  readonly evaluation?: { readonly id: string; readonly at: Date; readonly rating: Rating };
  readonly redo?: { readonly at: Date; readonly deadline: Date };
  readonly reReply?: { readonly at: Date; readonly outcome: Outcome };
  readonly reRating?: { readonly id: string; readonly at: Date; readonly rating: Rating };
  /** Whether a supervisor records the follow-up call (回访) of the first reply. */
  readonly followedUp: boolean;
}

export function planCase(month: KpiMonth, catalog: Catalog, index: number): PlannedCase {
  const random = seededRandom(month.seed * 7919 + index);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const start = Date.parse(`${month.month}-01T00:00:00+08:00`);
  const [year, monthNumber] = month.month.split('-').map(Number);
  const days = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const caseId = uuidOf(random);
  const assignmentId = uuidOf(random);
  const department = pick(catalog.departments);
  const caseType = pick(CASE_TYPES);
  const assignedAt = new Date(start + Math.floor(random() * days * DAY));
  const deadline = new Date(assignedAt.getTime() + REPLY_DAYS[caseType] * 1.4 * DAY);
  const planned = {
    caseId,
    assignmentId,
    trackingNumber: `UG${month.month.replace('-', '')}${String(index).padStart(8, '0')}`,
    department,
    regionCode: department.level === 'city' ? pick(catalog.districts) : department.region,
    categoryCode: pick(catalog.categories),
    caseType,
    assignedAt,
    deadline,
    followedUp: false,
  };
  const fate = random();
  if (fate < 0.04) return { ...planned, returnedAt: new Date(assignedAt.getTime() + (0.5 + random() * 3) * HOUR) };
  if (fate < 0.06) return planned;
  const signedAt = new Date(assignedAt.getTime() + random() * random() * 8 * HOUR + 60_000);
  const pause =
    random() < 0.1
      ? { at: new Date(signedAt.getTime() + HOUR), until: new Date(signedAt.getTime() + HOUR + (1 + random() * 3) * DAY) }
      : undefined;
  if (random() < 0.08) return { ...planned, signedAt, pause };
  const replyAt = new Date((pause?.until ?? signedAt).getTime() + random() * REPLY_DAYS[caseType] * 1.8 * DAY + 60_000);
  const reply = { at: replyAt, outcome: pick(OUTCOMES) };
  const evaluation =
    random() < 0.6
      ? { id: uuidOf(random), at: new Date(replyAt.getTime() + (2 + random() * 46) * HOUR), rating: pick(RATINGS) }
      : undefined;
  const redone = random() < (evaluation && evaluation.rating <= Rating.DISSATISFIED ? 0.5 : 0.04);
  const followedUp = random() < 0.5;
  if (!redone) return { ...planned, signedAt, pause, reply, evaluation, followedUp };
  const redoAt = new Date((evaluation?.at ?? replyAt).getTime() + HOUR);
  const redo = { at: redoAt, deadline: new Date(redoAt.getTime() + 7 * DAY) };
  if (random() < 0.15) return { ...planned, signedAt, pause, reply, evaluation, redo, followedUp };
  const reReply = { at: new Date(redoAt.getTime() + (1 + random() * 7) * DAY), outcome: pick(OUTCOMES) };
  const reRating =
    evaluation && random() < 0.6 ? { id: uuidOf(random), at: new Date(reReply.at.getTime() + 5 * HOUR), rating: pick(RATINGS) } : undefined;
  return { ...planned, signedAt, pause, reply, evaluation, redo, reReply, reRating, followedUp };
}

/** The last moment any planned event of the month may happen: the month's end and 40 days. */
export function monthEnd(month: KpiMonth): Date {
  const [year, monthNumber] = month.month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 1) - 8 * HOUR + 40 * DAY);
}

/**
 * The events of a case in phase 1 (assignment to first reply), 2 (evaluation and redo) or 3 (the redo's reply and
 * re-rating): a phase is published once the previous one is recorded, as the services would have told it.
 */
export function eventsOfCase(plan: PlannedCase, phase: 1 | 2 | 3): EncodedEvent[] {
  const { caseId, assignmentId } = plan;
  const departmentCode = plan.department.code;
  const at = (date: Date) => timestampFromDate(date);
  const events: EncodedEvent[] = [];
  const add = (event: EncodedEvent) => events.push(event);
  if (phase === 1) {
    add(
      encodeEvent(
        Events.caseAssigned,
        caseId,
        {
          caseId,
          assignmentId,
          departmentCode,
          departmentName: plan.department.name,
          departmentLevel: plan.department.level,
          categoryCode: plan.categoryCode,
          caseType: plan.caseType,
          trackingNumber: plan.trackingNumber,
          regionCode: plan.regionCode,
          deadline: at(plan.deadline),
          assignedAt: at(plan.assignedAt),
        },
        undefined,
        plan.assignedAt,
      ),
    );
    if (plan.returnedAt)
      add(
        encodeEvent(
          Events.assignmentReturned,
          caseId,
          { caseId, assignmentId, departmentCode, reason: '不属于本单位职责', returnedAt: at(plan.returnedAt) },
          undefined,
          plan.returnedAt,
        ),
      );
    if (plan.signedAt)
      add(
        encodeEvent(
          Events.assignmentSigned,
          caseId,
          { caseId, assignmentId, departmentCode, signedAt: at(plan.signedAt) },
          undefined,
          plan.signedAt,
        ),
      );
    if (plan.pause) {
      add(
        encodeEvent(
          Events.handlingPaused,
          caseId,
          { caseId, assignmentId, departmentCode, kind: PauseKind.CONSULTATION, question: '征求第三方意见', pausedAt: at(plan.pause.at) },
          undefined,
          plan.pause.at,
        ),
      );
      const moved = new Date(plan.deadline.getTime() + (plan.pause.until.getTime() - plan.pause.at.getTime()));
      add(
        encodeEvent(
          Events.handlingResumed,
          caseId,
          {
            caseId,
            assignmentId,
            departmentCode,
            kind: PauseKind.CONSULTATION,
            how: PauseEnd.ANSWERED,
            answer: '已收到意见',
            resumedAt: at(plan.pause.until),
            deadline: at(moved),
          },
          undefined,
          plan.pause.until,
        ),
      );
    }
    if (plan.reply) add(replied(plan, plan.reply));
  }
  if (phase === 2) {
    if (plan.evaluation) add(evaluated(plan, plan.evaluation, false));
    if (plan.redo)
      add(
        encodeEvent(
          Events.redoOrdered,
          caseId,
          {
            caseId,
            assignmentId,
            departmentCode,
            reason: '群众不满意',
            deadline: at(plan.redo.deadline),
            orderedAt: at(plan.redo.at),
            redoCount: 1,
          },
          undefined,
          plan.redo.at,
        ),
      );
  }
  if (phase === 3) {
    if (plan.reReply) add(replied(plan, plan.reReply));
    if (plan.reRating) add(evaluated(plan, plan.reRating, true));
  }
  return events;
}

function replied(plan: PlannedCase, reply: { at: Date; outcome: Outcome }): EncodedEvent {
  const { caseId, assignmentId } = plan;
  return encodeEvent(
    Events.caseReplied,
    caseId,
    {
      caseId,
      assignmentId,
      departmentCode: plan.department.code,
      replyText: '已办理。',
      outcome: reply.outcome,
      repliedAt: timestampFromDate(reply.at),
      trackingNumber: plan.trackingNumber,
    },
    undefined,
    reply.at,
  );
}

function evaluated(plan: PlannedCase, evaluation: { id: string; at: Date; rating: Rating }, reRating: boolean): EncodedEvent {
  const { caseId, assignmentId } = plan;
  return encodeEvent(
    Events.caseEvaluated,
    caseId,
    {
      caseId,
      trackingNumber: plan.trackingNumber,
      evaluationId: evaluation.id,
      assignmentId,
      departmentCode: plan.department.code,
      rating: evaluation.rating,
      reRating,
      evaluatedAt: timestampFromDate(evaluation.at),
    },
    undefined,
    evaluation.at,
  );
}
