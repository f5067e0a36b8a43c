import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';

function badRequest(message: string, problemCode: string, statusCode = 400): Error {
  return Object.assign(new Error(message), { statusCode, problemCode });
}

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Replaces Fastify's JSON parser: the body must be UTF-8 (a wrong charset or invalid bytes are refused,
 * never stored as mojibake) and valid JSON.
 */
export function useStrictJsonParser(fastify: FastifyInstance): void {
  // Only JSON is accepted: any other media type gets 415 rather than being read as an empty body.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(/^application\/([\w.+-]+\+)?json/, { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    const charset = /charset=([^;\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      return done(badRequest(`charset ${charset} is not accepted: send UTF-8`, 'unsupported-charset', 415), undefined);
    }
    // isUtf8 is native and checks without decoding; the text is then decoded once. A byte-order mark is dropped.
    if (!isUtf8(body)) return done(badRequest('the body is not valid UTF-8', 'invalid-encoding'), undefined);
    const text = (body.subarray(0, 3).equals(BYTE_ORDER_MARK) ? body.subarray(3) : body).toString('utf8');
    if (text.trim() === '') return done(badRequest('the body is empty: send a JSON object', 'invalid-json'), undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return done(badRequest(`the body is not valid JSON: ${(error as Error).message}`, 'invalid-json'), undefined);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return done(badRequest('the body must be a JSON object', 'invalid-json'), undefined);
    }
    done(null, value);
  });
}
