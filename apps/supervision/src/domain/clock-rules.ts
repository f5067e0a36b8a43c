import { Events } from '@ugov/contracts';
import type { ClockCommand } from './sla-clock';
import type { Urgency } from './sla-definitions';

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

/** What an event does to the clocks of its case. */
export type ClockRule = (event: CaseEvent) => ClockCommand[];

/** Not on any event yet (intake does not record urgency): every case is timed as general until one carries it. */
const urgencyOf = (event: CaseEvent): Urgency => (event.details.urgency === 'urgent' ? 'urgent' : 'general');

/**
 * The clock rules, by CloudEvents type. An assignment starts its sign-off and reply clocks; signing stops the
 * first, the reply stops both. Processing's pause, resume, extension and redo events plug in by adding a rule
 * here (clarification asked → pause reply; answered → resume; extension approved → extend; redo → reset), with
 * their details recorded on the timeline; nothing else changes.
 */
export const CLOCK_RULES: Readonly<Record<string, ClockRule>> = {
  [Events.caseAssigned.type]: (event) => {
    const { assignmentId, departmentCode, categoryCode, type } = event.details;
    const subject = {
      caseType: type ?? '',
      urgency: urgencyOf(event),
      categoryCode: categoryCode ?? '',
      departmentCode: departmentCode ?? '',
    };
    return (['sign-off', 'reply'] as const).map((hop) => ({
      kind: 'start',
      key: { caseId: event.caseId, assignmentId, hop },
      subject: { ...subject, hop },
      at: event.occurredAt,
    }));
  },
  [Events.assignmentSigned.type]: (event) => [
    { kind: 'stop', key: { caseId: event.caseId, assignmentId: event.details.assignmentId, hop: 'sign-off' }, at: event.occurredAt },
  ],
  // A reply without a sign-off still ends the sign-off clock (late if it was); spotting that is an anomaly rule's job.
  [Events.caseReplied.type]: (event) =>
    (['sign-off', 'reply'] as const).map((hop) => ({
      kind: 'stop',
      key: { caseId: event.caseId, assignmentId: event.details.assignmentId, hop },
      at: event.occurredAt,
    })),
};

/** The commands a sequence of events gives, in order; events no rule knows give none. */
export function clockCommandsOf(events: readonly CaseEvent[]): ClockCommand[] {
  return events.flatMap((event) => {
    const rule = CLOCK_RULES[event.eventType] as ClockRule | undefined;
    return rule && event.details.assignmentId ? rule(event) : [];
  });
}
