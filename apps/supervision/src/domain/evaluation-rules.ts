import { chinaDateOf, type WorkingCalendar } from '@ugov/calendar';

/** 好差评 levels as the contract numbers them: 1 非常不满意 … 5 非常满意. */
export const RATING_NAMES = ['very-dissatisfied', 'dissatisfied', 'neutral', 'satisfied', 'very-satisfied'] as const;
export type RatingName = (typeof RATING_NAMES)[number];

/** The name of a rating 1–5; undefined for an unspecified or unknown one. */
export function ratingName(rating: number): RatingName | undefined {
  return RATING_NAMES[rating - 1];
}

/** A rating of 不满意 or worse (the contract's levels 1 and 2) is a bad rating. */
export const BAD_RATING_AT_MOST = 2;

/** 不满意 or worse: a first such rating opens rectification (整改); see clock-rules.ts. */
export function isBadRating(rating: number): boolean {
  return rating >= 1 && rating <= BAD_RATING_AT_MOST;
}

/** A follow-up call (回访) is due the working day after the closure (the day of closure is not counted), China time. */
export function followUpDueOn(closedAt: Date, calendar: WorkingCalendar): string {
  return calendar.dueDate(chinaDateOf(closedAt), 1);
}
