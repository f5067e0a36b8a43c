import type { FastifyInstance } from 'fastify';

function badRequest(message: string, problemCode: string, statusCode = 400): Error {
  return Object.assign(new Error(message), { statusCode, problemCode });
}

const decoder = new TextDecoder('utf-8', { fatal: true });

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
    let text: string;
    try {
      text = decoder.decode(body);
    } catch {
      return done(badRequest('the body is not valid UTF-8', 'invalid-encoding'), undefined);
    }
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
