import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { canonicalJson } from '../submit-case/submit-case.handler';

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
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex');
  const [earlier]: { request_hash: string; response: unknown }[] = await transaction.query(
    `SELECT request_hash, response FROM ${book.table} WHERE ${where}`,
    [...scope, key],
  );
  if (earlier && earlier.request_hash !== requestHash)
    throw new DomainError('invalid', 'this Idempotency-Key was already used with a different request body', 'idempotency-key-reused');
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
