import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@ugov/domain';
import { isTransientFailure } from '@ugov/messaging';
import {
  languageOf,
  localizedMessage,
  RateLimitedError,
  RequestValidationError,
  type Language,
  type Problem,
} from '@ugov/platform';
import { Open311ParameterError, Open311ParameterErrors } from '../domain/open311.rules';
import { formatOf, sendOpen311 } from './open311.format';
import { open311ParameterOf } from './open311.mapping';

/** One entry of the spec's error array; `parameter` names the bad one, when one is. */
export interface Open311ErrorEntry {
  readonly code: number;
  readonly description: string;
  readonly parameter?: string;
}

/** An answer of the spec's error format: the HTTP status and one entry per problem. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly entries: readonly Open311ErrorEntry[],
  ) {
    super(entries.map((entry) => entry.description).join('; '));
  }

  static of(status: number, ...descriptions: string[]): Open311Error {
    return new Open311Error(
      status,
      descriptions.map((description) => ({ code: status, description })),
    );
  }

  static ofParameters(problems: readonly { parameter: string; message: string }[]): Open311Error {
    return new Open311Error(
      400,
      problems.map(({ parameter, message }) => ({ code: 400, description: message, parameter })),
    );
  }
}

const DOMAIN_STATUS = { 'not-found': 404, conflict: 409, forbidden: 403, invalid: 422 } as const;

/** Sends `error` in the spec's format (the one the path ends with), told in `language`. */
function sendOpen311Error(request: FastifyRequest, reply: FastifyReply, error: Open311Error, language: Language): void {
  const entries = error.entries.map((entry) => ({ code: entry.code, description: describedIn(entry, language) }));
  if (error.status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '1');
  sendOpen311(reply, formatOf(request.url.split('?')[0]) ?? 'json', 'errors', entries, error.status);
}

/**
 * A problem raised before an Open311 route runs (a body that cannot be read, overload, shutdown) in the spec's
 * format: see answerProblemsUnder. The problem is already in the caller's language.
 */
export function sendProblemAsOpen311(request: FastifyRequest, reply: FastifyReply, problem: Problem): void {
  const entries = problem.errors?.length
    ? problem.errors.map(({ field, reason }) => ({ code: problem.status, description: reason, parameter: open311ParameterOf(field) }))
    : [{ code: problem.status, description: problem.detail ?? problem.title }];
  // Told already: 'en' leaves each description as it is.
  sendOpen311Error(request, reply, new Open311Error(problem.status, entries), 'en');
}

/**
 * Every error of an Open311 route, in the spec's format (`[{code, description}]`, or `<errors><error>` in XML) and in
 * the caller's language; bad fields are named by their GeoReport parameter (`phone`, `lat`, `attribute[SOURCE]`).
 */
@Catch()
export class Open311ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = this.toOpen311Error(exception);
    if (exception instanceof RateLimitedError) void reply.header('retry-after', String(exception.retryAfterSeconds));
    if (error.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    const language = languageOf(request.headers['accept-language']);
    void reply.header('content-language', language);
    sendOpen311Error(request, reply, error, language);
  }

  private toOpen311Error(exception: unknown): Open311Error {
    if (exception instanceof Open311Error) return exception;
    if (exception instanceof Open311ParameterError) return Open311Error.ofParameters([exception]);
    if (exception instanceof Open311ParameterErrors) return Open311Error.ofParameters(exception.problems);
    if (exception instanceof RequestValidationError)
      return Open311Error.ofParameters(
        exception.fieldProblems.map(({ field, reason }) => ({ parameter: open311ParameterOf(field), message: reason })),
      );
    if (exception instanceof DomainError) return Open311Error.of(DOMAIN_STATUS[exception.kind], exception.message);
    // GeoReport has no 401: a missing or unknown api_key is its 403 (the access guard's 401).
    if (exception instanceof HttpException)
      return Open311Error.of(exception.getStatus() === 401 ? 403 : exception.getStatus(), exception.message);
    if (isTransientFailure(exception)) return Open311Error.of(503, 'the service cannot reach its database right now; retry shortly');
    return Open311Error.of(500, 'internal error');
  }
}

/** The entry's description in `language`, always naming the bad parameter (`phone: …`) unless it already does. */
function describedIn(entry: Open311ErrorEntry, language: Language): string {
  const told = localizedMessage(entry.description, language);
  return entry.parameter && !told.startsWith(entry.parameter) ? `${entry.parameter}: ${told}` : told;
}
