import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
  type ValidationError,
} from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Duplex } from 'node:stream';
import { isTransientFailure } from '@ugov/messaging';
import { DomainError, negotiateAnswerLanguage, type AnswerLanguage, type DomainErrorKind } from '@ugov/domain';
import { localizedMessage, localizedTitle, type Language } from './messages';
import { textsInOneLanguage, translatedMessage, translatedTitle } from './translations';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** One bad field: where it is (dotted path) and why it is wrong. */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** RFC 7807 problem details. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code?: string;
  readonly errors?: readonly FieldProblem[];
  /** Said, in the language of the problem, when it is not the language asked for (a text had no translation). */
  readonly languageNotice?: string;
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly fieldProblems: readonly FieldProblem[]) {
    super(`invalid field(s): ${[...new Set(fieldProblems.map((problem) => problem.field))].join(', ')}`);
  }
}

/** The caller may not do this with the value of a field (a key's channel): 403, naming the field. */
export class ForbiddenFieldError extends HttpException {
  constructor(readonly fieldProblems: readonly FieldProblem[]) {
    super(fieldProblems.map((problem) => problem.reason).join('; '), HttpStatus.FORBIDDEN);
  }
}

/** Too many requests from this caller: 429 with how many seconds to wait. */
export class RateLimitedError extends HttpException {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export function fieldProblemsOf(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...fieldProblemsOf(error.children ?? [], field)];
  });
}

const DOMAIN_STATUS: Record<DomainErrorKind, number> = { 'not-found': 404, conflict: 409, forbidden: 403, invalid: 422 };

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name
        .toLowerCase()
        .replace(/_/g, ' ')
        .replace(/^\w/, (c) => c.toUpperCase())
    : 'Error';
}

export function problemOf(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: extra.code ? `urn:ugov:problem:${extra.code}` : 'about:blank', title: titleOf(status), status, detail, ...extra };
}

/** How long a caller should wait before retrying a 503 (a dependency down, overload, shutdown) or a 429. */
export const RETRY_AFTER_SECONDS = 1;

/** The problem told in `language`: its title, its detail and each field's reason (the field paths stay as sent). */
export function localizedProblem(problem: Problem, language: Language): Problem {
  if (language === 'en') return problem;
  return {
    ...problem,
    title: localizedTitle(problem.status, problem.title, language),
    ...(problem.detail !== undefined ? { detail: localizedMessage(problem.detail, language) } : {}),
    ...(problem.errors
      ? { errors: problem.errors.map(({ field, reason }) => ({ field, reason: localizedMessage(reason, language) })) }
      : {}),
  };
}

/**
 * The problem with every text in one language: `asked` when each of its texts has a translation into it, else the
 * first language of its fallback chain that has them all (answer-languages.ts), with a notice that says so.
 */
export function problemInOneLanguage(problem: Problem, asked: AnswerLanguage): { problem: Problem; language: AnswerLanguage } {
  const { language, texts, notice } = textsInOneLanguage(asked, (candidate): Problem | undefined => {
    const title = translatedTitle(problem.status, problem.title, candidate);
    const detail = problem.detail === undefined ? undefined : translatedMessage(problem.detail, candidate);
    const errors = problem.errors?.map(({ field, reason }) => ({ field, reason: translatedMessage(reason, candidate) }));
    if (title === undefined || (problem.detail !== undefined && detail === undefined)) return undefined;
    if (errors?.some((error) => error.reason === undefined)) return undefined;
    return {
      ...problem,
      title,
      ...(detail !== undefined ? { detail } : {}),
      ...(errors ? { errors: errors as FieldProblem[] } : {}),
    };
  });
  return { problem: notice ? { ...texts, languageNotice: notice } : texts, language };
}

/** Sends a problem (already in the caller's language) in a format of its own, for routes whose protocol says how errors look. */
export type ProblemFormat = (request: FastifyRequest, reply: FastifyReply, problem: Problem) => void;

const problemFormats: { readonly prefix: string; readonly format: ProblemFormat }[] = [];

/**
 * From now on, problems of requests whose path starts with `prefix` go out in `format` instead of problem+json, those
 * raised before any route runs too (a body that cannot be read, overload, shutdown): intake's GeoReport routes answer
 * with the spec's error array.
 */
export function answerProblemsUnder(prefix: string, format: ProblemFormat): void {
  if (!problemFormats.some((entry) => entry.prefix === prefix)) problemFormats.push({ prefix, format });
}

/** Answers with a problem document about the request's URL, in the caller's language (`?lang=`, Accept-Language): the one way a problem goes out. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: Problem): void {
  // A route that knows how long the caller must wait (a rate limit's window) has said so already.
  if ((problem.status === 503 || problem.status === 429) && !reply.hasHeader('retry-after'))
    void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  const asked = negotiateAnswerLanguage((request.query as Record<string, unknown> | undefined)?.lang, request.headers['accept-language']);
  const { problem: inOneLanguage, language } = problemInOneLanguage(problem, asked.language);
  void reply.header('content-language', language);
  const told = { ...inOneLanguage, instance: request.url };
  const own = problemFormats.find((entry) => request.url.startsWith(entry.prefix));
  if (own) return own.format(request, reply, told);
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(told);
}

const HTTP_PARSER_STATUS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/** Answers on the bare socket a request that Node's HTTP parser could not read, so there is no request to answer through. */
export function sendProblemOnSocket(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = HTTP_PARSER_STATUS[error.code ?? ''] ?? 400;
  const body = JSON.stringify(problemOf(status, 'the request is not well-formed HTTP', { code: 'malformed-request' }));
  socket.end(
    `HTTP/1.1 ${status} ${titleOf(status)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Errors raised by Fastify before Nest sees the request (body parsing, size limits, media types). */
export function problemOfFastifyError(error: FastifyError): Problem {
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  const code = (error as FastifyError & { problemCode?: string }).problemCode ?? error.code?.toLowerCase().replace(/_/g, '-');
  return problemOf(status, status >= 500 ? 'internal error' : error.message, { code });
}

/** What a failed command answers, whichever way it came (a REST route, a department's command topic). */
export function problemOfException(exception: unknown): Problem {
  if (exception instanceof RequestValidationError) {
    return problemOf(400, exception.message, { code: 'invalid-request', errors: exception.fieldProblems });
  }
  if (exception instanceof ForbiddenFieldError)
    return problemOf(403, exception.message, { code: 'forbidden-value', errors: exception.fieldProblems });
  if (exception instanceof DomainError) return problemOf(DOMAIN_STATUS[exception.kind], exception.message, { code: exception.code });
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const detail = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
    return problemOf(exception.getStatus(), Array.isArray(detail) ? detail.join('; ') : String(detail));
  }
  if ((exception as FastifyError)?.statusCode) return problemOfFastifyError(exception as FastifyError);
  // Nothing was written (the transaction rolled back); the caller should simply try again.
  if (isTransientFailure(exception))
    return problemOf(503, 'the service cannot reach its database right now; retry shortly', { code: 'unavailable' });
  return problemOf(500, 'internal error');
}

/** Turns every error leaving a route into application/problem+json, without leaking internals on a 500. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = problemOfException(exception);
    if (exception instanceof RateLimitedError) void reply.header('retry-after', String(exception.retryAfterSeconds));
    // RFC 6750: a 401 says how to authenticate.
    if (problem.status === 401) void reply.header('www-authenticate', 'Bearer realm="ugov"');
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception : String(exception));
    sendProblem(request, reply, problem);
  }
}
