import { Events } from '@ugov/contracts';
import { isBadRating } from './evaluation-rules';
import type { ClockCommand, ClockKey } from './sla-clock';
import type { ClockSubject, Hop, Urgency } from './sla-definitions';

/**
 * An event as supervision's event log (the timeline) keeps it: its type, case, time and the details recorded
 * for it. Live consumption and recalculation from the log both feed the rules this, so they cannot disagree.
 */
export interface CaseEvent {
  readonly eventType: string;
  readonly caseId: string;
  readonly occurredAt: Date;
  readonly details: Readonly<Record<string, string>>;
}

/**
 * A follow-up call (回访) recorded: not a CloudEvent but supervision's own record (supervision.follow_ups), which
 * the clock store reads back beside the timeline so that a recalculation replays it. Its details: the assignment,
 * the department and `closedAt`, the reply that scheduled the call (the start of the call's clock cycle).
 */
export const FOLLOW_UP_RECORDED = 'supervision.follow-up-recorded';

/** What an event does to the clocks of its case. */
export type ClockRule = (event: CaseEvent) => ClockCommand[];

/** Not on any event yet (intake does not record urgency): every case is timed as general until one carries it. */
const urgencyOf = (event: CaseEvent): Urgency => (event.details.urgency === 'urgent' ? 'urgent' : 'general');

/** The clock of a hop of the event's assignment. */
const keyOf = (event: CaseEvent, hop: Hop): ClockKey => ({ caseId: event.caseId, assignmentId: event.details.assignmentId, hop });

/**
 * What a clock of a later hop (extension decision, clarification wait, rectification, follow-up call) is matched on: the
 * department from its event; the case type and category are not on those events, so definitions of these hops
 * match on the department and urgency only.
 */
const laterHopSubject = (event: CaseEvent, hop: Hop): ClockSubject => ({
  hop,
  caseType: '',
  urgency: urgencyOf(event),
  categoryCode: '',
  departmentCode: event.details.departmentCode ?? '',
});

/**
 * The clock rules, by CloudEvents type, each for one assignment (but a withdrawal, which stops the whole case):
 * - assignment → sign-off and reply start; signing stops sign-off; a return (退单) stops both;
 * - the reply stops sign-off, reply and an open rectification (整改) of the assignment (the redo's reply closes it),
 *   and starts the follow-up call (回访) it schedules, a new cycle for each reply; recording that call stops it;
 * - a pause (clarification, consultation) pauses the reply clock, the resume resumes it; a clarification
 *   also times the requester's answer (hop clarification-wait, a new cycle for each question);
 * - an extension request starts the dispatcher's decision clock; the decision stops it, and an approval makes
 *   the reply clock due at the deadline it grants;
 * - a redo (重办) starts a new reply cycle, due at the redo's own deadline;
 * - a first bad rating (好差评 ≤ 不满意) opens rectification; a re-rating opens none (one re-rating only);
 * - the requester's withdrawal stops every clock of the case.
 */
export const CLOCK_RULES: Readonly<Record<string, ClockRule>> = {
  [Events.caseAssigned.type]: (event) => {
    const { departmentCode, categoryCode, type } = event.details;
    const subject = {
      caseType: type ?? '',
      urgency: urgencyOf(event),
      categoryCode: categoryCode ?? '',
      departmentCode: departmentCode ?? '',
    };
    return (['sign-off', 'reply'] as const).map((hop) => ({
      kind: 'start',
      key: keyOf(event, hop),
      subject: { ...subject, hop },
      at: event.occurredAt,
    }));
  },
  [Events.assignmentSigned.type]: (event) => [{ kind: 'stop', key: keyOf(event, 'sign-off'), at: event.occurredAt }],
  // A reply without a sign-off still ends the sign-off clock (late if it was); spotting that is an anomaly rule's job.
  [Events.caseReplied.type]: (event) => [
    ...(['sign-off', 'reply', 'rectification'] as const).map(
      (hop) => ({ kind: 'stop', key: keyOf(event, hop), at: event.occurredAt }) as const,
    ),
    { kind: 'reset', key: keyOf(event, 'follow-up-call'), subject: laterHopSubject(event, 'follow-up-call'), at: event.occurredAt },
  ],
  [FOLLOW_UP_RECORDED]: (event) => [
    { kind: 'stop', key: keyOf(event, 'follow-up-call'), at: event.occurredAt, cycleStartedAt: new Date(event.details.closedAt) },
  ],
  [Events.assignmentReturned.type]: (event) =>
    (['sign-off', 'reply'] as const).map((hop) => ({ kind: 'stop', key: keyOf(event, hop), at: event.occurredAt })),
  [Events.handlingPaused.type]: (event) => [
    { kind: 'pause', key: keyOf(event, 'reply'), at: event.occurredAt },
    ...(event.details.pauseKind === 'clarification'
      ? [
          {
            kind: 'reset',
            key: keyOf(event, 'clarification-wait'),
            subject: laterHopSubject(event, 'clarification-wait'),
            at: event.occurredAt,
          } as const,
        ]
      : []),
  ],
  [Events.handlingResumed.type]: (event) => [
    { kind: 'resume', key: keyOf(event, 'reply'), at: event.occurredAt },
    { kind: 'stop', key: keyOf(event, 'clarification-wait'), at: event.occurredAt },
  ],
  [Events.extensionRequested.type]: (event) => [
    { kind: 'start', key: keyOf(event, 'extension-decision'), subject: laterHopSubject(event, 'extension-decision'), at: event.occurredAt },
  ],
  [Events.extensionDecided.type]: (event) => [
    { kind: 'stop', key: keyOf(event, 'extension-decision'), at: event.occurredAt },
    ...(event.details.approved === 'true' && event.details.deadline
      ? [{ kind: 'extend', key: keyOf(event, 'reply'), until: new Date(event.details.deadline), at: event.occurredAt } as const]
      : []),
  ],
  [Events.redoOrdered.type]: (event) => [
    {
      kind: 'reset',
      key: keyOf(event, 'reply'),
      at: event.occurredAt,
      ...(event.details.deadline ? { until: new Date(event.details.deadline) } : {}),
    },
  ],
  [Events.caseEvaluated.type]: (event) =>
    event.details.reRating !== 'true' && isBadRating(Number(event.details.rating))
      ? [{ kind: 'reset', key: keyOf(event, 'rectification'), subject: laterHopSubject(event, 'rectification'), at: event.occurredAt }]
      : [],
  [Events.caseWithdrawn.type]: (event) => [{ kind: 'stop-case', caseId: event.caseId, at: event.occurredAt }],
};

/** The commands a sequence of events gives, in order; events no rule knows give none. */
export function clockCommandsOf(events: readonly CaseEvent[]): ClockCommand[] {
  return events.flatMap((event) => {
    const rule = CLOCK_RULES[event.eventType] as ClockRule | undefined;
    // Every rule but the withdrawal's is about one assignment.
    return rule && (event.details.assignmentId || event.eventType === Events.caseWithdrawn.type) ? rule(event) : [];
  });
}
