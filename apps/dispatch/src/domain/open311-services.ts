import { CASE_TYPES, type CaseTypeName } from '@ugov/contracts';

/**
 * What a category offers Open311 (GeoReport v2) clients, kept on the category in the catalog (`categories[i].open311`):
 * the service's code (the category's code or one of its aliases, so that dispatch routes what Open311 files), name,
 * group, keywords, the request type a request becomes, and the questions (attributes) a client answers. Intake serves
 * `services` and `services/{code}` from it, as published in dispatch.catalog-published.v1.
 */
export const OPEN311_DATATYPES = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;
export type Open311Datatype = (typeof OPEN311_DATATYPES)[number];

export interface Open311AttributeValue {
  readonly key: string;
  readonly name: string;
}

export interface Open311Attribute {
  /** Upper-case letters, digits and underscores: the `CODE` of `attribute[CODE]`. */
  readonly code: string;
  readonly datatype: Open311Datatype;
  readonly required: boolean;
  readonly description: string;
  readonly datatypeDescription?: string;
  /** The choices of a single- or multi-value list (and only of those). */
  readonly values?: readonly Open311AttributeValue[];
}

export interface CategoryOpen311Service {
  readonly code: string;
  readonly name: string;
  /** `<group>：<name>` unless given. */
  readonly description?: string;
  readonly group: string;
  readonly keywords?: readonly string[];
  /** The ugov request type a request to this service becomes. */
  readonly type: CaseTypeName;
  readonly attributes?: readonly Open311Attribute[];
}

export interface Open311Problem {
  readonly path: string;
  readonly message: string;
}

const ATTRIBUTE_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;
const VALUE_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const LIST_DATATYPES: readonly Open311Datatype[] = ['singlevaluelist', 'multivaluelist'];
const CASE_TYPE_NAMES = Object.keys(CASE_TYPES) as CaseTypeName[];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

function attributeProblems(path: string, attribute: unknown, seen: Set<string>): Open311Problem[] {
  if (!isRecord(attribute)) return [{ path, message: 'must be an object' }];
  const problems: Open311Problem[] = [];
  const problem = (field: string, message: string) => problems.push({ path: `${path}.${field}`, message });
  if (!isText(attribute.code) || !ATTRIBUTE_CODE.test(attribute.code))
    problem('code', 'must be upper-case letters, digits and underscores, starting with a letter, at most 32');
  else if (seen.has(attribute.code)) problem('code', `${attribute.code} is listed twice`);
  else seen.add(attribute.code);
  const datatype = attribute.datatype as Open311Datatype;
  if (!OPEN311_DATATYPES.includes(datatype)) problem('datatype', `must be one of ${OPEN311_DATATYPES.join(', ')}`);
  if (typeof attribute.required !== 'boolean') problem('required', 'must be true or false');
  if (!isText(attribute.description)) problem('description', 'is required: the question the client asks');
  if (attribute.datatypeDescription !== undefined && !isText(attribute.datatypeDescription))
    problem('datatypeDescription', 'must be a text when given');
  if (LIST_DATATYPES.includes(datatype)) {
    if (!Array.isArray(attribute.values) || attribute.values.length === 0)
      problem('values', `a ${datatype} must list its choices ({ key, name })`);
    else {
      const keys = new Set<string>();
      attribute.values.forEach((value: unknown, index) => {
        const at = `values[${index}]`;
        if (!isRecord(value)) return problem(at, 'must be an object with a key and a name');
        if (!isText(value.key) || !VALUE_KEY.test(value.key))
          problem(`${at}.key`, 'must be letters, digits, dots, dashes and underscores, at most 64');
        else if (keys.has(value.key)) problem(`${at}.key`, `${value.key} is listed twice`);
        else keys.add(value.key);
        if (!isText(value.name)) problem(`${at}.name`, 'is required');
      });
    }
  } else if (attribute.values !== undefined && OPEN311_DATATYPES.includes(datatype))
    problem('values', `only a singlevaluelist or a multivaluelist has values, not a ${datatype}`);
  return problems;
}

/**
 * The problems of one category's `open311` (absent: the category is not offered to Open311 clients); `codes` are the
 * category's code and aliases, one of which the service's code must be.
 */
export function open311ServiceProblems(path: string, raw: unknown, codes: readonly string[]): Open311Problem[] {
  if (raw === undefined) return [];
  if (!isRecord(raw)) return [{ path, message: 'must be an object (code, name, group, type, attributes)' }];
  const problems: Open311Problem[] = [];
  const problem = (field: string, message: string) => problems.push({ path: `${path}.${field}`, message });
  if (!isText(raw.code) || !codes.includes(raw.code))
    problem('code', `must be the category's code or one of its aliases (${codes.join(', ')})`);
  for (const field of ['name', 'group'] as const) if (!isText(raw[field])) problem(field, 'is required');
  if (raw.description !== undefined && !isText(raw.description)) problem('description', 'must be a text when given');
  if (raw.keywords !== undefined && (!Array.isArray(raw.keywords) || !raw.keywords.every(isText)))
    problem('keywords', 'must be a list of words');
  if (!CASE_TYPE_NAMES.includes(raw.type as CaseTypeName)) problem('type', `must be one of ${CASE_TYPE_NAMES.join(', ')}`);
  if (raw.attributes !== undefined) {
    if (!Array.isArray(raw.attributes)) problem('attributes', 'must be a list');
    else {
      const seen = new Set<string>();
      raw.attributes.forEach((attribute: unknown, index) =>
        problems.push(...attributeProblems(`${path}.attributes[${index}]`, attribute, seen)),
      );
    }
  }
  return problems;
}
