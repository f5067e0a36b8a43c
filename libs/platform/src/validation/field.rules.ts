import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';

/**
 * The one rule set for text that callers send: every DTO's text field, every code, every path parameter
 * goes through it, so that nothing PostgreSQL or our code cannot hold gets past the edge (and a 400 names
 * the field and the reason instead of a 500 from the database).
 *
 * Lengths are counted in Unicode code points, as a reader counts characters (`长` is one, so is `😀`),
 * never in UTF-16 units; the OpenAPI `maxLength` means the same (JSON Schema counts code points too).
 */
export interface TextRule {
  /** Longest text accepted, in code points. */
  readonly maxLength: number;
  /** Multi-line text may hold tabs and line breaks (\t, \n, \r); single-line text holds no control character and no line separator at all. */
  readonly multiline?: boolean;
}

/** A lone half of a surrogate pair: not a character, and PostgreSQL would silently get U+FFFD instead. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;
/** C0 and C1 controls and DEL (U+0000 is refused outright by PostgreSQL), plus the Unicode line and paragraph separators. */
const SINGLE_LINE_FORBIDDEN = /[\p{Cc}\u2028\u2029]/u;
/** The same controls, less tab, line feed and carriage return. */
const MULTILINE_FORBIDDEN = /[^\P{Cc}\t\n\r]/u;
/** Nothing a reader could see: whitespace (including U+3000 and U+00A0) and invisible format characters such as U+200B. */
const BLANK = /^[\s\p{Cf}]*$/u;

/**
 * Code points in `text`, counting no further than `limit + 1` (enough to tell "too long"). It reads UTF-16 units rather
 * than iterating the string, which would make a string of every character: a surrogate pair is one code point, a lone
 * half of one is one too (as the iterator counts it).
 */
export function codePointLength(text: string, limit = Infinity): number {
  let count = 0;
  for (let index = 0; index < text.length && count <= limit; index++, count++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
  }
  return count;
}

const codePointOf = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not acceptable text for `field`, or undefined when it is. One reason, the most basic first. */
export function textProblemOf(field: string, value: unknown, rule: TextRule): string | undefined {
  if (value === undefined || value === null) return `${field} is required`;
  if (typeof value !== 'string') return `${field} must be a string`;
  // A text no longer in UTF-16 units than the limit cannot be longer in code points: only a longer one is counted.
  if (value.length > rule.maxLength && codePointLength(value, rule.maxLength) > rule.maxLength)
    return `${field} must be at most ${rule.maxLength} characters long`;
  const surrogate = UNPAIRED_SURROGATE.exec(value);
  if (surrogate) return `${field} must be well-formed Unicode, but holds an unpaired surrogate ${codePointOf(surrogate[0])}`;
  const control = (rule.multiline ? MULTILINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(value);
  if (control) {
    const allowed = rule.multiline ? ' (tabs and line breaks are fine)' : ' (it is a single line of text)';
    return `${field} must not contain the control character ${codePointOf(control[0])}${allowed}`;
  }
  if (BLANK.test(value)) return `${field} must not be empty or only whitespace`;
  return undefined;
}

/** Codes of the catalog (categories, departments): lower-case letters, digits, dots and dashes. */
const CODE = /^[a-z0-9][a-z0-9.-]{0,63}$/;

export function codeProblemOf(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return `${field} is required`;
  if (typeof value !== 'string' || !CODE.test(value))
    return `${field} must be a code of lower-case letters, digits, dots and dashes, at most 64 characters`;
  return undefined;
}

/** Why a value is not acceptable for a field (given the object it is in), or undefined when it is. */
export type FieldCheck = (field: string, value: unknown, object: object) => string | undefined;

/** A class-validator rule whose message is the reason `check` gives. */
export function Satisfies(name: string, check: FieldCheck): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value, args) => check(args!.property, value, args!.object) === undefined,
      defaultMessage: (args) => check(args!.property, args!.value, args!.object) ?? `${args!.property} is invalid`,
    },
  });
}

interface DocumentedField {
  readonly optional?: boolean;
  readonly example?: string;
  readonly description?: string;
}

function documented(field: DocumentedField, schema: Record<string, unknown>): PropertyDecorator {
  const options = { type: String, example: field.example, description: field.description, ...schema };
  return field.optional ? applyDecorators(ApiPropertyOptional(options), IsOptional()) : ApiProperty(options);
}

export type TextFieldOptions = TextRule & DocumentedField;

/** A text field of a request body, checked by the shared rule and documented with its limits. Optional fields may be absent or null. */
export function TextField(options: TextFieldOptions): PropertyDecorator {
  return applyDecorators(
    documented(options, { minLength: 1, maxLength: options.maxLength }),
    Satisfies('text', (field, value) => textProblemOf(field, value, options)),
  );
}

/** A catalog code field of a request body (see codeProblemOf). */
export function CodeField(options: DocumentedField = {}): PropertyDecorator {
  return applyDecorators(documented(options, { pattern: CODE.source }), Satisfies('code', codeProblemOf));
}

/** A moment in time: ISO 8601 with a date, a time and a time zone (`Z` or `+08:00`), so that it means one instant. */
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function timeProblemOf(field: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return `${field} is required`;
  if (typeof value !== 'string' || !TIME.test(value) || Number.isNaN(Date.parse(value)))
    return `${field} must be a time in ISO 8601 with a time zone, such as 2026-12-01T18:00:00+08:00`;
  return undefined;
}

/** An example time for the documents: `days` from when the service started, so that it stays in the future. */
export function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A time field of a request body (see timeProblemOf). */
export function TimeField(options: DocumentedField = {}): PropertyDecorator {
  return applyDecorators(documented(options, { format: 'date-time' }), Satisfies('time', timeProblemOf));
}

/**
 * Every element of an array of nested bodies is an object. class-validator alone lets an array inside the array
 * through (it walks into it), so `[[]]` would pass as a list of attachments.
 */
export function EachIsObject(): PropertyDecorator {
  return Satisfies('eachIsObject', (field, value) => {
    if (!Array.isArray(value)) return undefined;
    const index = value.findIndex((element) => typeof element !== 'object' || element === null || Array.isArray(element));
    return index < 0 ? undefined : `${field}.${index} must be an object`;
  });
}
