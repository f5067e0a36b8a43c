import type { WorkingCalendar } from '@ugov/calendar';
import type { CaseTypeName } from '@ugov/contracts';

/** 紧急 (threat to life, safety, property or utilities) or 一般. */
export type Urgency = 'urgent' | 'general';

/**
 * Default reply limits in working days (mission.md). Praise has no statutory limit; it is
 * acknowledged on the suggestion timetable.
 */
export const REPLY_LIMIT_WORKING_DAYS: Readonly<Record<CaseTypeName, number>> = {
  consultation: 3,
  help: 5,
  suggestion: 7,
  praise: 7,
  complaint: 10,
  report: 10,
  demand: 10,
  appeal: 15,
  // 政府信息公开条例 art. 33: 20 working days.
  'information-disclosure': 20,
  // 行政许可法 art. 42: 20 working days.
  'service-application': 20,
  // Deputies' suggestions and CPPCC proposals are answered within three months.
  'deputy-suggestion': 60,
  'cppcc-proposal': 60,
};

/** An urgent case: signed for within 30 minutes and a first reply within 2 hours, by the clock, holidays or not. */
export const URGENT_SIGN_OFF_MINUTES = 30;
export const URGENT_FIRST_REPLY_HOURS = 2;
/** A general case is signed for within 2 office hours. */
export const SIGN_OFF_WORKING_HOURS = 2;

const MINUTE_MS = 60 * 1000;

/** When the department must sign for (签收) a case accepted at `acceptedAt`. */
export function signOffDeadline(urgency: Urgency, acceptedAt: Date, calendar: WorkingCalendar): Date {
  if (urgency === 'urgent') return new Date(acceptedAt.getTime() + URGENT_SIGN_OFF_MINUTES * MINUTE_MS);
  return calendar.addWorkingHours(acceptedAt, SIGN_OFF_WORKING_HOURS);
}

/**
 * When the reply is due: for a general case, the end of the last working day of its type's limit, the day of
 * acceptance not counted; for an urgent one, the first feedback two hours after acceptance.
 */
export function replyDeadline(type: CaseTypeName, urgency: Urgency, acceptedAt: Date, calendar: WorkingCalendar): Date {
  if (urgency === 'urgent') return new Date(acceptedAt.getTime() + URGENT_FIRST_REPLY_HOURS * 60 * MINUTE_MS);
  return calendar.dueAt(acceptedAt, REPLY_LIMIT_WORKING_DAYS[type]);
}

/** The reply deadline of a routed case: the category's own limit for its type when the catalog sets one, else the type's. */
export function routedReplyDeadline(
  type: CaseTypeName,
  categoryLimits: Readonly<Partial<Record<CaseTypeName, number>>> | undefined,
  acceptedAt: Date,
  calendar: WorkingCalendar,
  urgency: Urgency = 'general',
): Date {
  // The catalog may set a type's limit in working days; an urgent case's two hours hold whatever it says.
  const days = urgency === 'general' ? categoryLimits?.[type] : undefined;
  return days ? calendar.dueAt(acceptedAt, days) : replyDeadline(type, urgency, acceptedAt, calendar);
}
