import type { WorkingCalendar } from '@ugov/calendar';
import type { CaseTypeName } from '@ugov/contracts';

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
};

export function replyDeadline(type: CaseTypeName, assignedAt: Date, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(assignedAt, REPLY_LIMIT_WORKING_DAYS[type]);
}
