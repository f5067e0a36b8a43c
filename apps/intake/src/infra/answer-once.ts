import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@ugov/domain';

/**
 * Where one kind of POST keeps its Idempotency-Keys with their answers: a table with `key`, `request_hash` and
 * `response` columns, and the columns that say whose key it is and for what (a key is the caller's, per action).
 */
export interface AnswerBook {
  readonly table: 'intake.requester_action_keys' | 'intake.admin_action_keys';
  readonly scope: Readonly<Record<string, string>>;
}

export interface Answered<Response> {
  readonly response: Response;
  /** True when an earlier request with the same Idempotency-Key already did this. */
  readonly replayed: boolean;
}

/** How an answer that holds a secret is kept (without it) and replayed (with a new one, which replaces it). */
export interface KeptAnswer<Response, Kept> {
  readonly kept: (response: Response) => Kept;
  readonly replayed: (kept: Kept) => Promise<Response>;
}

/**
 * The Idempotency-Key rule of every POST that is not a case submission, inside the caller's transaction: without a
 * key, `work` runs; with one, the same key and body get the first answer back (nothing done again), the same key
 * with another body a 422 `idempotency-key-reused`, a new key runs `work` and keeps its answer. Two requests with
 * one key wait for each other, so the second finds the first's answer.
 */
export async function answerOnce<Response, Kept = Response>(
  transaction: EntityManager,
  book: AnswerBook,
  key: string | undefined,
  request: object,
  work: () => Promise<Response>,
  secret?: KeptAnswer<Response, Kept>,
): Promise<Answered<Response>> {
  if (!key) return { response: await work(), replayed: false };
  const columns = Object.keys(book.scope);
  const scope = Object.values(book.scope);
  const keyed = [...columns, 'key'];
  const where = keyed.map((column, index) => `${column} = $${index + 1}`).join(' AND ');
  await transaction.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [JSON.stringify([book.table, ...scope, key])]);
  const requestHash = requestHashOf(request);
  const [earlier]: { request_hash: string; response: unknown }[] = await transaction.query(
    `SELECT request_hash, response FROM ${book.table} WHERE ${where}`,
    [...scope, key],
  );
  if (earlier && earlier.request_hash !== requestHash) throw idempotencyKeyReused();
  if (earlier)
    return { response: secret ? await secret.replayed(earlier.response as Kept) : (earlier.response as Response), replayed: true };
  const response = await work();
  const values = [...scope, key, requestHash, JSON.stringify(secret ? secret.kept(response) : response)];
  await transaction.query(
    `INSERT INTO ${book.table} (${[...keyed, 'request_hash', 'response'].join(', ')}) VALUES (${values.map((_, index) => `$${index + 1}`).join(', ')})`,
    values,
  );
  return { response, replayed: false };
}

/** What an Idempotency-Key stands for: the request's canonical JSON, hashed. */
export const requestHashOf = (request: unknown): string => createHash('sha256').update(canonicalJson(request)).digest('hex');

/** The one answer to a key sent again with another body (README, Idempotency): 422 `idempotency-key-reused`. */
export const idempotencyKeyReused = (): DomainError =>
  new DomainError('invalid', 'this Idempotency-Key was already used with a different request body', 'idempotency-key-reused');

/** JSON with every object's keys sorted, so the same request sent with its fields in another order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
