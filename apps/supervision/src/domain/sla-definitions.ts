import { createHash } from 'node:crypto';
import type { LimitUnit } from './working-time';

/** The hops a clock times (clock-rules.ts). */
export const HOPS = ['sign-off', 'reply', 'extension-decision', 'clarification-wait', 'rectification', 'follow-up-call'] as const;
export type Hop = (typeof HOPS)[number];

export const URGENCIES = ['urgent', 'general'] as const;
export type Urgency = (typeof URGENCIES)[number];

export interface Limit {
  readonly amount: number;
  readonly unit: LimitUnit;
}

/** What a definition applies to; an absent field matches anything. */
export interface SlaMatch {
  readonly caseType?: string;
  readonly urgency?: Urgency;
  readonly categoryCode?: string;
  readonly departmentCode?: string;
}

export interface SlaDefinition {
  /** Unique within the file: recorded on every clock, with the file's version. */
  readonly id: string;
  readonly hop: Hop;
  readonly match: SlaMatch;
  readonly limit: Limit;
  /** Share of the limit at which the yellow warning (预警) fires; the file's default when absent. */
  readonly yellowAt?: number;
}

/** The settings every definition shares unless it says otherwise. */
export interface SlaDefaults {
  readonly yellowAt: number;
  /** While breached, a red alarm (with a reminder 催办) repeats this often. */
  readonly repeatAlarmEvery: Limit;
  /** How long overdue before the case is escalated to the supervising body. */
  readonly escalateAfter: Limit;
  /** The deadline of the supervision order (督办) opened on red. */
  readonly orderLimit: Limit;
  /** Who the escalation goes to. */
  readonly supervisingBody: string;
}

export interface SlaDefinitions {
  readonly version: number;
  /** SHA-256 of the document as loaded: tells two files with the same version apart. */
  readonly digest: string;
  readonly defaults: SlaDefaults;
  readonly definitions: readonly SlaDefinition[];
}

/** What a clock is about, for matching. */
export interface ClockSubject {
  readonly hop: Hop;
  readonly caseType: string;
  readonly urgency: Urgency;
  readonly categoryCode: string;
  readonly departmentCode: string;
}

export class InvalidSlaDefinitionsError extends Error {}

const MATCH_FIELDS = ['caseType', 'urgency', 'categoryCode', 'departmentCode'] as const;
const UNITS: readonly LimitUnit[] = ['workingDays', 'workingHours', 'minutes'];

/**
 * The definition that applies: among those of the hop whose every given field equals the subject's, the most
 * specific (most fields given); the first in the file on a tie. Undefined when none matches (no clock then).
 */
export function definitionFor(definitions: SlaDefinitions, subject: ClockSubject): SlaDefinition | undefined {
  let best: SlaDefinition | undefined;
  let bestScore = -1;
  for (const definition of definitions.definitions) {
    if (definition.hop !== subject.hop) continue;
    let score = 0;
    let matches = true;
    for (const field of MATCH_FIELDS) {
      const wanted = definition.match[field];
      if (wanted === undefined) continue;
      if (wanted !== subject[field]) {
        matches = false;
        break;
      }
      score++;
    }
    if (matches && score > bestScore) {
      best = definition;
      bestScore = score;
    }
  }
  return best;
}

/** Checks a definitions document (parsed from YAML or JSON); any fault names the entry and the reason. */
export function parseSlaDefinitions(raw: unknown, source: string, text = JSON.stringify(raw)): SlaDefinitions {
  const fail = (where: string, reason: string): never => {
    throw new InvalidSlaDefinitionsError(`${source}: ${where}: ${reason}`);
  };
  const objectAt = (value: unknown, where: string): Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : fail(where, 'must be a mapping');
  const onlyKeys = (value: Record<string, unknown>, where: string, allowed: readonly string[]) => {
    const unknown = Object.keys(value).find((key) => !allowed.includes(key));
    if (unknown) fail(`${where}.${unknown}`, `unknown key (allowed: ${allowed.join(', ')})`);
  };
  const limitAt = (value: unknown, where: string): Limit => {
    const limit = objectAt(value, where);
    onlyKeys(limit, where, ['amount', 'unit']);
    if (typeof limit.amount !== 'number' || !(limit.amount > 0)) fail(`${where}.amount`, 'must be a positive number');
    if (!UNITS.includes(limit.unit as LimitUnit)) fail(`${where}.unit`, `must be one of ${UNITS.join(', ')}`);
    if (limit.unit === 'workingDays' && !Number.isInteger(limit.amount)) fail(`${where}.amount`, 'working days must be whole');
    return { amount: limit.amount as number, unit: limit.unit as LimitUnit };
  };
  const shareAt = (value: unknown, where: string): number =>
    typeof value === 'number' && value > 0 && value < 1 ? value : fail(where, 'must be a share between 0 and 1, such as 0.8');

  const document = objectAt(raw, 'document');
  onlyKeys(document, 'document', ['$comment', 'version', 'defaults', 'definitions']);
  if (!Number.isInteger(document.version) || (document.version as number) < 1) fail('version', 'must be a whole number from 1');
  const rawDefaults = objectAt(document.defaults, 'defaults');
  onlyKeys(rawDefaults, 'defaults', ['yellowAt', 'repeatAlarmEvery', 'escalateAfter', 'orderLimit', 'supervisingBody']);
  if (typeof rawDefaults.supervisingBody !== 'string' || rawDefaults.supervisingBody === '')
    fail('defaults.supervisingBody', 'must name the supervising body');
  const defaults: SlaDefaults = {
    yellowAt: shareAt(rawDefaults.yellowAt, 'defaults.yellowAt'),
    repeatAlarmEvery: limitAt(rawDefaults.repeatAlarmEvery, 'defaults.repeatAlarmEvery'),
    escalateAfter: limitAt(rawDefaults.escalateAfter, 'defaults.escalateAfter'),
    orderLimit: limitAt(rawDefaults.orderLimit, 'defaults.orderLimit'),
    supervisingBody: rawDefaults.supervisingBody as string,
  };
  if (!Array.isArray(document.definitions) || document.definitions.length === 0) fail('definitions', 'must be a non-empty list');
  const ids = new Set<string>();
  const definitions = (document.definitions as unknown[]).map((entry, index): SlaDefinition => {
    const where = `definitions[${index}]`;
    const definition = objectAt(entry, where);
    onlyKeys(definition, where, ['id', 'hop', 'match', 'limit', 'yellowAt']);
    if (typeof definition.id !== 'string' || !/^[\w.-]+$/.test(definition.id))
      fail(`${where}.id`, 'must be a word (letters, digits, . - _)');
    if (ids.has(definition.id as string)) fail(`${where}.id`, `"${definition.id}" is used twice`);
    ids.add(definition.id as string);
    if (!HOPS.includes(definition.hop as Hop)) fail(`${where}.hop`, `must be one of ${HOPS.join(', ')}`);
    const match = objectAt(definition.match ?? {}, `${where}.match`);
    onlyKeys(match, `${where}.match`, MATCH_FIELDS);
    for (const field of MATCH_FIELDS)
      if (match[field] !== undefined && (typeof match[field] !== 'string' || match[field] === ''))
        fail(`${where}.match.${field}`, 'must be a non-empty string');
    if (match.urgency !== undefined && !URGENCIES.includes(match.urgency as Urgency))
      fail(`${where}.match.urgency`, `must be one of ${URGENCIES.join(', ')}`);
    return {
      id: definition.id as string,
      hop: definition.hop as Hop,
      match: match as SlaMatch,
      limit: limitAt(definition.limit, `${where}.limit`),
      ...(definition.yellowAt === undefined ? {} : { yellowAt: shareAt(definition.yellowAt, `${where}.yellowAt`) }),
    };
  });
  return {
    version: document.version as number,
    digest: createHash('sha256').update(text).digest('hex'),
    defaults,
    definitions,
  };
}
