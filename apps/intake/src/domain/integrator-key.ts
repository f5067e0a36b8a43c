import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an integrator key may be allowed to do: the integrator operations of intake's routes (see @Operation). */
export const INTEGRATOR_OPERATIONS = ['submit-case', 'read-case'] as const;
export type IntegratorOperation = (typeof INTEGRATOR_OPERATIONS)[number];

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 3600;

/** How a key is presented: `ugk_<key id>_<secret>`. The id finds the stored hash; only the secret is secret. */
const KEY_FORMAT = /^ugk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export interface IssuedSecret {
  readonly keyId: string;
  /** The whole key as the integrator sends it; shown once, never stored. */
  readonly key: string;
  readonly secretSha256: Buffer;
}

export function newIntegratorKey(): IssuedSecret {
  const keyId = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  return newSecretFor(keyId);
}

/** A new secret for a key id: a new key's, or the one that replaces a secret never seen (an Idempotency-Key retry). */
export function newSecretFor(keyId: string): IssuedSecret {
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `ugk_${keyId}_${secret}`, secretSha256: sha256(secret) };
}

/** The key id and secret of a presented key, or undefined when it is not an integrator key at all. */
export function parseIntegratorKey(presented: string): { keyId: string; secret: string } | undefined {
  const match = KEY_FORMAT.exec(presented);
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

/** A 256-bit random secret needs no slow hash: SHA-256 cannot be searched back to it. */
export function secretMatches(secret: string, storedSha256: Buffer): boolean {
  const presented = sha256(secret);
  return presented.length === storedSha256.length && timingSafeEqual(presented, storedSha256);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export interface IntegratorKeyState {
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A key works until revoked, and a rotated key until its overlap window ends. */
export function isKeyUsable(key: IntegratorKeyState, now: Date): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt.getTime() > now.getTime());
}
