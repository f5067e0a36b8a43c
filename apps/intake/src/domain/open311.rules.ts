import type { Open311Attribute, Open311Service } from './open311-services';

/** GeoReport v2: a search spans at most 90 days, and the most recent 90 days when no date is given. */
export const OPEN311_MAX_SPAN_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a GeoReport v2 answer says of a request: open or closed. */
export type Open311Status = 'open' | 'closed';

/**
 * ugov's states of a case, as an Open311 client sees them: everything until the requester has the answer is open
 * (submitted, dispatched, triaged, assigned, signed for, in progress, extended, returned, redone); a case answered,
 * closed, withdrawn by the requester, merged into another or answered at intake (即办件) is closed.
 */
export const CLOSED_STATES: ReadonlySet<string> = new Set([
  'replied',
  'delivered',
  'closed',
  'withdrawn',
  'merged',
  'answered-at-intake',
  'rejected',
]);

export function open311StatusOf(caseStatus: string): Open311Status {
  return CLOSED_STATES.has(caseStatus) ? 'closed' : 'open';
}

/** A bad parameter, named as the spec names it, with why. */
export class Open311ParameterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Several bad parameters at once. */
export class Open311ParameterErrors extends Error {
  constructor(readonly problems: readonly Open311ParameterError[]) {
    super(problems.map((problem) => problem.message).join('; '));
  }
}

/** An ISO 8601 date-time with a time zone (the spec's w3 format), or a parameter error. */
export function parseOpen311Date(parameter: string, value: string): Date {
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(value);
  if (!valid || Number.isNaN(date.getTime()))
    throw new Open311ParameterError(
      parameter,
      `${parameter} must be an ISO 8601 date-time with a time zone, such as 2026-11-30T08:00:00+08:00`,
    );
  return date;
}

/**
 * The window a search covers: both dates given, at most 90 days apart; one given, 90 days from it (not past now)
 * or up to it; none, the last 90 days.
 */
export function searchWindowOf(startDate: string | undefined, endDate: string | undefined, now: Date): { start: Date; end: Date } {
  const start = startDate ? parseOpen311Date('start_date', startDate) : undefined;
  const end = endDate ? parseOpen311Date('end_date', endDate) : undefined;
  const span = OPEN311_MAX_SPAN_DAYS * DAY_MS;
  if (start && end) {
    if (end < start) throw new Open311ParameterError('end_date', 'end_date must not be before start_date');
    if (end.getTime() - start.getTime() > span)
      throw new Open311ParameterError('end_date', `start_date and end_date may not span more than ${OPEN311_MAX_SPAN_DAYS} days`);
    return { start, end };
  }
  if (start) return { start, end: new Date(Math.min(start.getTime() + span, Math.max(now.getTime(), start.getTime()))) };
  if (end) return { start: new Date(end.getTime() - span), end };
  return { start: new Date(now.getTime() - span), end: now };
}

/** The answers to a service's attributes, as posted (`attribute[CODE]`, several values for a multi-value list). */
export type AttributeAnswers = Readonly<Record<string, readonly string[]>>;

/** Checks the answers against the service definition: required ones present, list values among the keys, numbers and dates well-formed. */
export function attributeProblemsOf(service: Open311Service, answers: AttributeAnswers): Open311ParameterError[] {
  const problems: Open311ParameterError[] = [];
  const known = new Set(service.attributes.map((attribute) => attribute.code));
  for (const code of Object.keys(answers))
    if (!known.has(code))
      problems.push(new Open311ParameterError(`attribute[${code}]`, `service ${service.code} has no attribute ${code}`));
  for (const attribute of service.attributes) {
    const values = (answers[attribute.code] ?? []).filter((value) => value.trim() !== '');
    const parameter = `attribute[${attribute.code}]`;
    if (values.length === 0) {
      if (attribute.required) problems.push(new Open311ParameterError(parameter, `${parameter} is required by service ${service.code}`));
      continue;
    }
    const problem = valueProblemOf(attribute, values);
    if (problem) problems.push(new Open311ParameterError(parameter, `${parameter} ${problem}`));
  }
  return problems;
}

function valueProblemOf(attribute: Open311Attribute, values: readonly string[]): string | undefined {
  if (attribute.datatype !== 'multivaluelist' && values.length > 1) return 'takes one value';
  if (values.some((value) => [...value].length > 500)) return 'must be at most 500 characters';
  switch (attribute.datatype) {
    case 'singlevaluelist':
    case 'multivaluelist': {
      const keys = new Set(attribute.values?.map((value) => value.key));
      const unknown = values.find((value) => !keys.has(value));
      return unknown === undefined ? undefined : `must be one of ${[...keys].join(', ')}`;
    }
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(values[0]) ? undefined : 'must be a number';
    case 'datetime':
      return Number.isNaN(Date.parse(values[0])) || !/T.*(Z|[+-]\d{2}:?\d{2})$/.test(values[0])
        ? 'must be an ISO 8601 date-time with a time zone'
        : undefined;
    default:
      return undefined;
  }
}
