import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateLimitedError, type CredentialAuthenticator, type Principal } from '@ugov/platform';
import { RateLimiter } from '@ugov/domain';
import { isKeyUsable, parseIntegratorKey, secretMatches } from '../domain/integrator-key';
import { IntegratorKeys, type IntegratorKeyRecord } from '../manage-integrator-keys/integrator-keys.service';

/** How long a key read from the database is trusted before it is read again (another replica may have revoked it). */
export const KEY_CACHE_SECONDS = 5;

/**
 * Authenticates integrators' managed keys (`ugk_<id>_<secret>`): the stored hash, revocation, the
 * rotation overlap, and the key's own rate limit (429 with Retry-After).
 */
@Injectable()
export class IntegratorKeyAuthenticator implements CredentialAuthenticator {
  private readonly keys: IntegratorKeys;
  private readonly cache = new Map<string, { record: IntegratorKeyRecord | undefined; readAt: number }>();
  private readonly limiter = new RateLimiter();

  constructor(dataSource: DataSource) {
    this.keys = new IntegratorKeys(dataSource);
  }

  async authenticate(credential: string): Promise<Principal | undefined> {
    const presented = parseIntegratorKey(credential);
    if (!presented) return undefined;
    const record = await this.read(presented.keyId);
    if (!record || !secretMatches(presented.secret, record.secretSha256) || !isKeyUsable(record, new Date())) return undefined;
    const waitSeconds = this.limiter.take(record.id, record.rateLimitPerMinute);
    if (waitSeconds > 0)
      throw new RateLimitedError(`key ${record.id} is over its limit of ${record.rateLimitPerMinute} requests a minute`, waitSeconds);
    return {
      subject: record.integrator,
      roles: ['integrator'],
      departments: [],
      keyId: record.id,
      channels: record.channels,
      operations: record.operations,
    };
  }

  /** A change made through this replica takes effect here at once. */
  forget(keyId: string): void {
    this.cache.delete(keyId);
  }

  private async read(keyId: string): Promise<IntegratorKeyRecord | undefined> {
    const cached = this.cache.get(keyId);
    if (cached && Date.now() - cached.readAt < KEY_CACHE_SECONDS * 1000) return cached.record;
    const record = await this.keys.findKey(keyId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(keyId, { record, readAt: Date.now() });
    return record;
  }
}
