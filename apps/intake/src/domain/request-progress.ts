import { CLOSED_STATES } from './open311.rules';

/** The languages a status is told in (the platform's: zh-Hans by default, en by Accept-Language). */
export type Language = 'zh-Hans' | 'en';

/** Where a request stands, as its requester sees it. */
export const REQUEST_STATES = [
  'submitted',
  'in-triage',
  'assigned',
  'in-progress',
  'awaiting-clarification',
  'in-consultation',
  'redo',
  'replied',
  'merged',
  // Set by the requester's withdrawal (撤回), not by an update: it outranks every other state.
  'withdrawn',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The state's index in REQUEST_STATES, as intake.case_progress.state_rank keeps it. */
export const rankOf = (state: RequestState): number => REQUEST_STATES.indexOf(state);

export const stateOfRank = (rank: number): RequestState => REQUEST_STATES[Math.min(Math.max(rank, 0), REQUEST_STATES.length - 1)];

/** Each state in plain words, as the requester reads it. */
export const STATE_WORDS: Readonly<Record<Language, Readonly<Record<RequestState, string>>>> = {
  'zh-Hans': {
    submitted: '已受理，等待分派',
    'in-triage': '正在人工分派',
    assigned: '已分派至承办部门',
    'in-progress': '承办部门正在办理',
    'awaiting-clarification': '等待您补充说明',
    'in-consultation': '正在征求相关方意见',
    redo: '已安排重新办理',
    replied: '已办结，已答复',
    merged: '已与您的同一诉求合并办理',
    withdrawn: '您已撤回此诉求',
  },
  en: {
    submitted: 'Received, waiting to be assigned',
    'in-triage': 'Being assigned by a dispatcher',
    assigned: 'Assigned to the handling department',
    'in-progress': 'Being handled by the department',
    'awaiting-clarification': 'Waiting for your clarification',
    'in-consultation': 'Waiting for the opinion of a third party',
    redo: 'Sent back to be handled again',
    replied: 'Handled and answered',
    merged: 'Merged with your earlier request on the same matter',
    withdrawn: 'You withdrew this request',
  },
};

/** What intake records of a case's progress, one row per workflow event (intake.case_updates). */
export const UPDATE_KINDS = [
  'triaged',
  'assigned',
  'merged',
  'answered',
  'signed',
  'started',
  'extension-decided',
  'paused',
  'resumed',
  'replied',
  'redo-ordered',
  'delivered',
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

/** One event as intake keeps it; `details` holds what the requester may read of it (below, per kind). */
export interface ProgressUpdate {
  /** Derived from the event, so that the same event recorded twice is one row. */
  readonly id: string;
  readonly caseId: string;
  readonly kind: UpdateKind;
  /** The assignment the event is about (none for triage, merge, instant answers and delivery). */
  readonly assignmentId: string | null;
  readonly at: Date;
  readonly details: UpdateDetails;
}

export interface UpdateDetails {
  /** assigned: the department, its names by language, whether it answers for the case (a co-handler or copy does not). */
  readonly departmentCode?: string;
  readonly departmentNames?: Readonly<Record<string, string>>;
  readonly lead?: boolean;
  /** assigned, extension-decided, resumed, redo-ordered: the deadline in force after the event. */
  readonly deadline?: string | null;
  /** extension-decided */
  readonly approved?: boolean;
  /** extension-decided: the department's reason for more time; redo-ordered: why. */
  readonly reason?: string;
  /** paused: clarification or consultation; resumed: the same. */
  readonly pause?: 'clarification' | 'consultation';
  readonly question?: string;
  readonly waitUntil?: string | null;
  /** resumed: answered, expired or ended. */
  readonly how?: string;
  /** merged: the case it joined. */
  readonly mergedIntoTrackingNumber?: string;
}

export interface Clarification {
  readonly question: string;
  readonly askedAt: string;
  readonly waitUntil: string | null;
  /** When the clock ran again: the requester answered, or the wait expired. Null while waiting. */
  readonly resolvedAt: string | null;
  readonly how: string | null;
}

export interface Extension {
  readonly reason: string;
  readonly deadline: string | null;
  readonly decidedAt: string;
}

/** A request's progress as its requester (and an Open311 client) reads it. */
export interface RequestProgress {
  readonly state: RequestState;
  readonly department: { readonly code: string; readonly names: Readonly<Record<string, string>> } | null;
  readonly deadline: string | null;
  /** The extensions granted, each with the department's reason (the requester is told why). */
  readonly extensions: readonly Extension[];
  readonly clarifications: readonly Clarification[];
  readonly mergedIntoTrackingNumber: string | null;
  /** When the latest reply reached the requester (publication delivered it); null until then, and again after a redo. */
  readonly deliveredAt: string | null;
  /** The time of the last update; null when nothing happened since submission. */
  readonly updatedAt: string | null;
}

export const SUBMITTED: RequestProgress = {
  state: 'submitted',
  department: null,
  deadline: null,
  extensions: [],
  clarifications: [],
  mergedIntoTrackingNumber: null,
  deliveredAt: null,
  updatedAt: null,
};

/** Within one instant, the order events happen in. */
const KIND_ORDER = new Map(UPDATE_KINDS.map((kind, index) => [kind, index]));

export const inEventOrder = (a: ProgressUpdate, b: ProgressUpdate): number =>
  a.at.getTime() - b.at.getTime() || KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || a.id.localeCompare(b.id);

/**
 * The progress the updates of one case make, whatever order they were recorded in (topics arrive in any order:
 * the updates are replayed in event time). Only the lead assignments speak for the case: a co-handler's or a
 * copy's signing or pause is the department's business, not the requester's.
 */
export function progressOf(updates: readonly ProgressUpdate[]): RequestProgress {
  const sorted = [...updates].sort(inEventOrder);
  const leads = new Set(
    sorted.filter((update) => update.kind === 'assigned' && update.details.lead !== false).map((update) => update.assignmentId),
  );
  let progress: RequestProgress = SUBMITTED;
  for (const update of sorted) {
    if (update.assignmentId !== null && update.kind !== 'assigned' && !leads.has(update.assignmentId)) continue;
    if (update.kind === 'assigned' && update.details.lead === false) continue;
    progress = { ...applied(progress, update), updatedAt: update.at.toISOString() };
  }
  return progress;
}

function applied(progress: RequestProgress, update: ProgressUpdate): RequestProgress {
  const { details } = update;
  const at = update.at.toISOString();
  const deadline = details.deadline !== undefined ? { deadline: details.deadline } : {};
  switch (update.kind) {
    case 'triaged':
      return { ...progress, state: 'in-triage' };
    case 'assigned':
      return {
        ...progress,
        ...deadline,
        state: 'assigned',
        department: { code: details.departmentCode ?? '', names: details.departmentNames ?? {} },
      };
    case 'merged':
      return { ...progress, state: 'merged', mergedIntoTrackingNumber: details.mergedIntoTrackingNumber ?? null };
    case 'answered':
    case 'replied':
      return { ...progress, state: 'replied' };
    case 'signed':
    case 'started':
      return { ...progress, state: 'in-progress' };
    case 'extension-decided':
      return {
        ...progress,
        ...deadline,
        extensions: details.approved
          ? [...progress.extensions, { reason: details.reason ?? '', deadline: details.deadline ?? null, decidedAt: at }]
          : progress.extensions,
      };
    case 'paused':
      if (details.pause !== 'clarification') return { ...progress, state: 'in-consultation' };
      return {
        ...progress,
        state: 'awaiting-clarification',
        clarifications: [
          ...progress.clarifications,
          { question: details.question ?? '', askedAt: at, waitUntil: details.waitUntil ?? null, resolvedAt: null, how: null },
        ],
      };
    case 'resumed':
      return {
        ...progress,
        ...deadline,
        state: 'in-progress',
        clarifications:
          details.pause === 'clarification'
            ? progress.clarifications.map((clarification) =>
                clarification.resolvedAt === null ? { ...clarification, resolvedAt: at, how: details.how ?? null } : clarification,
              )
            : progress.clarifications,
      };
    case 'redo-ordered':
      return { ...progress, ...deadline, state: 'redo', deliveredAt: null };
    case 'delivered':
      // The delivery of a reply the case has since gone back from (重办) changes nothing.
      return progress.state === 'replied' ? { ...progress, deliveredAt: at } : progress;
  }
}

/** The department's name in the language asked for, else in Chinese, else its code. */
export function departmentNameOf(department: RequestProgress['department'], language: Language): string | null {
  if (!department) return null;
  return department.names[language] ?? department.names['zh-Hans'] ?? department.code;
}

/** What a requester or an Open311 client is told beside the state: the question waiting for them, or why the deadline moved. */
export function noticeOf(progress: RequestProgress, language: Language): string | null {
  const waiting = progress.clarifications.find((clarification) => clarification.resolvedAt === null);
  if (progress.state === 'awaiting-clarification' && waiting)
    return language === 'en' ? `Please clarify: ${waiting.question}` : `请补充说明：${waiting.question}`;
  const extension = progress.extensions.at(-1);
  if (extension && !CLOSED_STATES.has(progress.state)) {
    const until = extension.deadline ?? '';
    return language === 'en'
      ? `The deadline was extended to ${until}: ${extension.reason}`
      : `办理期限已延长至 ${until}，原因：${extension.reason}`;
  }
  return null;
}

/** An update in plain words, for the Open311 updates extension. */
export function updateWordsOf(update: Pick<ProgressUpdate, 'kind' | 'details'>, language: Language): string {
  const state: Record<UpdateKind, RequestState> = {
    triaged: 'in-triage',
    assigned: 'assigned',
    merged: 'merged',
    answered: 'replied',
    signed: 'in-progress',
    started: 'in-progress',
    'extension-decided': 'in-progress',
    paused: update.details.pause === 'clarification' ? 'awaiting-clarification' : 'in-consultation',
    resumed: 'in-progress',
    replied: 'replied',
    'redo-ordered': 'redo',
    delivered: 'replied',
  };
  if (update.kind === 'delivered') return language === 'en' ? 'The answer was delivered to the requester' : '答复已送达诉求人';
  if (update.kind === 'extension-decided') {
    if (!update.details.approved) return language === 'en' ? 'An extension was refused' : '延期申请未获批准';
    return language === 'en'
      ? `The deadline was extended to ${update.details.deadline ?? ''}: ${update.details.reason ?? ''}`
      : `办理期限已延长至 ${update.details.deadline ?? ''}，原因：${update.details.reason ?? ''}`;
  }
  return STATE_WORDS[language][state[update.kind]];
}

/**
 * The requester's withdrawal (撤回) in plain words with its time, as Open311 tells it (status notes, updates). It is
 * no update kind: intake records it itself (intake.case_withdrawals), not from a workflow event.
 */
export function withdrawalWordsOf(withdrawnAt: Date, language: Language): string {
  const at = withdrawnAt.toISOString();
  return language === 'en' ? `Withdrawn by the requester at ${at}` : `诉求人已于 ${at} 撤回此诉求`;
}

/** Whether the request is answered once this update happened (Open311's closed). */
export const closesRequest = (kind: UpdateKind): boolean =>
  kind === 'answered' || kind === 'replied' || kind === 'merged' || kind === 'delivered';
