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

export function replyDeadline(type: CaseTypeName, assignedAt: Date, calendar: WorkingCalendar): Date {
  return calendar.addWorkingDays(assignedAt, REPLY_LIMIT_WORKING_DAYS[type]);
}
