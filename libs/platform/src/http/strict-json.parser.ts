import type { FastifyInstance } from 'fastify';
import { charsetOf, decodeBody, UndecodableBody } from './charset';

/** A body refused before any route sees it; ProblemDetailsFilter turns it into a problem document. */
export class BodyRefused extends Error {
  constructor(
    message: string,
    readonly problemCode: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

/**
 * Deepest nesting of objects and arrays accepted. Our bodies nest two levels; validation and
 * class-transformer walk a body recursively, so a deeper one could overflow the stack (a 500).
 */
export const MAX_JSON_DEPTH = 16;

/** `application/json` or any `application/<something>+json`, with its parameters. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/;

/**
 * Object keys that would reach an object's prototype once the body is copied into a class instance
 * (prototype poisoning); Fastify's own JSON parser refuses them too.
 */
function poisonedKeyOf(object: Record<string, unknown>): string | undefined {
  if (Object.prototype.hasOwnProperty.call(object, '__proto__')) return '__proto__';
  const constructor = object.constructor;
  if (Object.prototype.hasOwnProperty.call(object, 'constructor') && constructor !== null && typeof constructor === 'object')
    if (Object.prototype.hasOwnProperty.call(constructor, 'prototype')) return 'constructor.prototype';
  return undefined;
}

/** The body as text, in the charset its Content-Type declares. */
function textOf(body: Buffer, contentType: string): string {
  try {
    return decodeBody(body, charsetOf(contentType));
  } catch (error) {
    if (error instanceof UndecodableBody) throw new BodyRefused(error.message, error.problemCode, error.statusCode);
    throw error;
  }
}

/** Walks the document without recursion: too deep a nesting, or a poisoned key, refuses it. */
function checkStructure(document: object): void {
  const pending: [unknown, number][] = [[document, 1]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) throw new BodyRefused(`the body nests deeper than ${MAX_JSON_DEPTH} levels`, 'invalid-json');
    if (!Array.isArray(value)) {
      const poisoned = poisonedKeyOf(value as Record<string, unknown>);
      if (poisoned) throw new BodyRefused(`the body must not hold the key ${poisoned}`, 'invalid-json');
    }
    for (const child of Object.values(value)) if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
}

/**
 * Reads a request body as the JSON object it must be: a JSON media type, UTF-8 or a declared Chinese charset
 * (GBK, GB18030, Big5: transcoded; invalid bytes are refused, never stored as mojibake), valid JSON, an object,
 * nested no deeper than MAX_JSON_DEPTH.
 */
export function parseJsonBody(body: Buffer, contentType: string): object {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (!JSON_MEDIA_TYPE.test(mediaType))
    throw new BodyRefused(`media type ${mediaType} is not accepted: send JSON`, 'unsupported-media-type', 415);
  const text = textOf(body, contentType);
  if (text.trim() === '') throw new BodyRefused('the body is empty: send a JSON object', 'invalid-json');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BodyRefused(`the body is not valid JSON: ${(error as Error).message}`, 'invalid-json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new BodyRefused('the body must be a JSON object', 'invalid-json');
  checkStructure(value);
  return value;
}

/** Most fields a form may hold; GeoReport's POST needs a few dozen. */
export const MAX_FORM_FIELDS = 200;

const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

/** One name or value of a form: `+` is a space, `%XX` a byte; the bytes are text in the body's charset. */
function formPartOf(part: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let index = 0; index < part.length; index++) {
    const character = part.charCodeAt(index);
    if (character === 0x2b) bytes.push(0x20);
    else if (character === 0x25) {
      const hex = part.slice(index + 1, index + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new BodyRefused('the form holds a % that is not followed by two hex digits', 'invalid-form');
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else bytes.push(character);
  }
  return decodeBody(Buffer.from(bytes), charset);
}

/**
 * Reads an `application/x-www-form-urlencoded` body (GeoReport v2 posts one) into its fields: a name sent several
 * times (`attribute[SOURCE][]`) holds all its values in order. The charset rules are those of JSON bodies.
 */
export function parseFormBody(body: Buffer, contentType: string): Record<string, string | string[]> {
  const charset = charsetOf(contentType);
  const form: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  // latin1 keeps every byte as one character, so formPartOf gets the raw bytes of unencoded text back.
  const pairs = body.toString('latin1').split('&').filter(Boolean);
  if (pairs.length > MAX_FORM_FIELDS) throw new BodyRefused(`the form holds more than ${MAX_FORM_FIELDS} fields`, 'invalid-form');
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    try {
      const name = formPartOf(equals < 0 ? pair : pair.slice(0, equals), charset);
      const value = equals < 0 ? '' : formPartOf(pair.slice(equals + 1), charset);
      if (name === '__proto__' || name === 'constructor' || name === 'prototype')
        throw new BodyRefused(`the body must not hold the key ${name}`, 'invalid-form');
      const earlier = form[name];
      form[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    } catch (error) {
      if (error instanceof UndecodableBody) throw new BodyRefused(error.message, error.problemCode, error.statusCode);
      throw error;
    }
  }
  return form;
}

export interface BodyParserOptions {
  /** Path prefixes whose routes take form-encoded bodies too (intake's Open311 routes); elsewhere a form is a 415. */
  readonly formBodiesUnder?: readonly string[];
}

/**
 * Replaces Fastify's body parsers: only JSON (see parseJsonBody), and forms on the routes that take them; any other
 * media type gets 415 rather than an empty body.
 */
export function useStrictJsonParser(fastify: FastifyInstance, options: BodyParserOptions = {}): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(body, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const formPrefixes = options.formBodiesUnder ?? [];
  fastify.addContentTypeParser(FORM_MEDIA_TYPE, { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    try {
      if (!formPrefixes.some((prefix) => request.url.startsWith(prefix)))
        throw new BodyRefused(`media type ${FORM_MEDIA_TYPE} is not accepted: send JSON`, 'unsupported-media-type', 415);
      done(null, parseFormBody(body, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
