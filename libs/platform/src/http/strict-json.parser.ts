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

/** Replaces Fastify's body parsers: only JSON (see parseJsonBody); any other media type gets 415 rather than an empty body. */
export function useStrictJsonParser(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    try {
      done(null, parseJsonBody(body, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
