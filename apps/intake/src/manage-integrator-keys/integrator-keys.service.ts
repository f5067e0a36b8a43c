import type { DataSource, EntityManager } from 'typeorm';
import { CHANNELS } from '@ugov/contracts';
import { DomainError } from '@ugov/domain';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  INTEGRATOR_OPERATIONS,
  isKeyUsable,
  newIntegratorKey,
  newSecretFor,
} from '../domain/integrator-key';
import { answerOnce, type Answered, type KeptAnswer } from '../infra/answer-once';

export interface KeyGrant {
  readonly channels: readonly string[];
  /** Absent or null: every operation. */
  readonly operations?: readonly string[] | null;
  /** Absent or null: the default rate. */
  readonly rateLimitPerMinute?: number | null;
}

/** A key as stored, without its secret. */
export interface IntegratorKeyRecord {
  readonly id: string;
  readonly integrator: string;
  readonly secretSha256: Buffer;
  readonly channels: string[];
  readonly operations: string[];
  readonly rateLimitPerMinute: number;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly expiresAt: Date | null;
  readonly replacedBy: string | null;
  readonly revokedAt: Date | null;
}

/** A new key with its secret: the only time the secret is seen. */
export interface IssuedKey {
  readonly key: string;
  readonly record: IntegratorKeyRecord;
}

const KEY_COLUMNS = `id, integrator, secret_sha256 AS "secretSha256", channels, operations, rate_limit_per_minute AS "rateLimitPerMinute",
  created_at AS "createdAt", created_by AS "createdBy", expires_at AS "expiresAt", replaced_by AS "replacedBy", revoked_at AS "revokedAt"`;

/** An admin's POST as the Idempotency-Key rule scopes it: the admin's subject, the action, the key sent (if any). */
export interface AdminPost {
  readonly admin: string;
  readonly action: 'register-integrator' | 'issue-key' | 'rotate-key' | 'revoke-key';
  readonly key: string | undefined;
}

/**
 * Integrators and their keys in intake's database, used by the admin API and by `npm run keys`.
 * `actor` is who does it (the admin's subject, or `cli:<os user>`), kept with the key. Each change runs in the
 * transaction it is given (the admin API's, which also keeps its Idempotency-Key), else in its own.
 */
export class IntegratorKeys {
  constructor(private readonly dataSource: DataSource) {}

  /** An admin's POST once per Idempotency-Key (answerOnce), in one transaction with what it does. */
  once<Response, Kept = Response>(
    post: AdminPost,
    request: object,
    work: (transaction: EntityManager) => Promise<Response>,
    secret?: (transaction: EntityManager) => KeptAnswer<Response, Kept>,
  ): Promise<Answered<Response>> {
    return this.dataSource.transaction((transaction) =>
      answerOnce(
        transaction,
        { table: 'intake.admin_action_keys', scope: { admin: post.admin, action: post.action } },
        post.key,
        request,
        () => work(transaction),
        secret?.(transaction),
      ),
    );
  }

  /**
   * A new secret for a key whose first answer (the only place its secret was) is asked for again: the retry gets the
   * new one, and the old one stops working (as a case's verification code does on a retried submission).
   */
  async reissueSecret(keyId: string, transaction: EntityManager): Promise<string> {
    const issued = newSecretFor(keyId);
    await transaction.query(`UPDATE intake.integrator_keys SET secret_sha256 = $2 WHERE id = $1`, [keyId, issued.secretSha256]);
    return issued.key;
  }

  async registerIntegrator(
    name: string,
    actor: string,
    transaction: EntityManager = this.dataSource.manager,
  ): Promise<{ name: string; createdAt: Date }> {
    const [row]: { name: string; createdAt: Date }[] = await transaction.query(
      `INSERT INTO intake.integrators (name, created_by) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING name, created_at AS "createdAt"`,
      [name, actor],
    );
    if (!row) throw new DomainError('conflict', `integrator ${name} is already registered`, 'integrator-exists');
    return row;
  }

  async listIntegrators(): Promise<{ name: string; createdAt: Date; keys: IntegratorKeyRecord[] }[]> {
    const integrators: { name: string; createdAt: Date }[] = await this.dataSource.query(
      `SELECT name, created_at AS "createdAt" FROM intake.integrators ORDER BY name`,
    );
    const keys: IntegratorKeyRecord[] = await this.dataSource.query(
      `SELECT ${KEY_COLUMNS} FROM intake.integrator_keys ORDER BY created_at`,
    );
    return integrators.map((integrator) => ({ ...integrator, keys: keys.filter((key) => key.integrator === integrator.name) }));
  }

  async issueKey(integrator: string, grant: KeyGrant, actor: string, within?: EntityManager): Promise<IssuedKey> {
    checkGrant(grant);
    return this.within(within, async (transaction) => {
      const [known]: unknown[] = await transaction.query(`SELECT 1 FROM intake.integrators WHERE name = $1`, [integrator]);
      if (!known) throw new DomainError('not-found', `integrator ${integrator} is not registered`, 'integrator-not-found');
      return this.insertKey(transaction, integrator, grant, actor);
    });
  }

  async findKey(keyId: string): Promise<IntegratorKeyRecord | undefined> {
    const [key]: IntegratorKeyRecord[] = await this.dataSource.query(`SELECT ${KEY_COLUMNS} FROM intake.integrator_keys WHERE id = $1`, [
      keyId,
    ]);
    return key;
  }

  /**
   * A new key with the old one's channels, operations and rate limit; the old one keeps working for
   * `overlapSeconds` (0 ends it at once), so the integrator can switch without a gap.
   */
  async rotateKey(
    keyId: string,
    overlapSeconds: number,
    actor: string,
    within?: EntityManager,
  ): Promise<IssuedKey & { oldKeyExpiresAt: Date }> {
    return this.within(within, async (transaction) => {
      const [old]: IntegratorKeyRecord[] = await transaction.query(
        `SELECT ${KEY_COLUMNS} FROM intake.integrator_keys WHERE id = $1 FOR UPDATE`,
        [keyId],
      );
      if (!old) throw new DomainError('not-found', `key ${keyId} not found`, 'key-not-found');
      if (!isKeyUsable(old, new Date()) || old.replacedBy)
        throw new DomainError('conflict', `key ${keyId} is revoked, expired or already rotated`, 'key-not-rotatable');
      const issued = await this.insertKey(transaction, old.integrator, old, actor);
      const [[{ expiresAt }]]: [{ expiresAt: Date }[]] = await transaction.query(
        `UPDATE intake.integrator_keys SET expires_at = now() + make_interval(secs => $2), replaced_by = $3 WHERE id = $1 RETURNING expires_at AS "expiresAt"`,
        [keyId, overlapSeconds, issued.record.id],
      );
      return { ...issued, oldKeyExpiresAt: expiresAt };
    });
  }

  async revokeKey(keyId: string, actor: string, transaction: EntityManager = this.dataSource.manager): Promise<IntegratorKeyRecord> {
    const [[key]]: [IntegratorKeyRecord[]] = await transaction.query(
      `UPDATE intake.integrator_keys SET revoked_at = coalesce(revoked_at, now()), revoked_by = coalesce(revoked_by, $2) WHERE id = $1 RETURNING ${KEY_COLUMNS}`,
      [keyId, actor],
    );
    if (!key) throw new DomainError('not-found', `key ${keyId} not found`, 'key-not-found');
    return key;
  }

  private within<T>(transaction: EntityManager | undefined, work: (transaction: EntityManager) => Promise<T>): Promise<T> {
    return transaction ? work(transaction) : this.dataSource.transaction(work);
  }

  private async insertKey(transaction: EntityManager, integrator: string, grant: KeyGrant, actor: string): Promise<IssuedKey> {
    const issued = newIntegratorKey();
    const [record]: IntegratorKeyRecord[] = await transaction.query(
      `INSERT INTO intake.integrator_keys (id, integrator, secret_sha256, channels, operations, rate_limit_per_minute, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${KEY_COLUMNS}`,
      [
        issued.keyId,
        integrator,
        issued.secretSha256,
        [...new Set(grant.channels)],
        [...new Set(grant.operations ?? INTEGRATOR_OPERATIONS)],
        grant.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
        actor,
      ],
    );
    return { key: issued.key, record };
  }
}

/** The same rules as the admin API's body checks, for callers that do not go through it (the command line). */
function checkGrant(grant: KeyGrant): void {
  const unknownChannel = grant.channels.find((channel) => !Object.hasOwn(CHANNELS, channel));
  if (grant.channels.length === 0 || unknownChannel !== undefined)
    throw new DomainError('invalid', `channels must be one or more of ${Object.keys(CHANNELS).join(', ')}`, 'invalid-channels');
  const unknownOperation = grant.operations?.find((operation) => !(INTEGRATOR_OPERATIONS as readonly string[]).includes(operation));
  if (grant.operations?.length === 0 || unknownOperation !== undefined)
    throw new DomainError('invalid', `operations must be one or more of ${INTEGRATOR_OPERATIONS.join(', ')}`, 'invalid-operations');
  if (grant.rateLimitPerMinute != null && (!Number.isInteger(grant.rateLimitPerMinute) || grant.rateLimitPerMinute < 1))
    throw new DomainError('invalid', 'rateLimitPerMinute must be a positive integer', 'invalid-rate-limit');
}
