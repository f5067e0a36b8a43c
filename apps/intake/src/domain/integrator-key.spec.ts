import { isKeyUsable, newIntegratorKey, newSecretFor, parseIntegratorKey, secretMatches } from './integrator-key';

describe('integrator keys', () => {
  it('issues a key whose id finds it and whose secret matches only its own hash', () => {
    const issued = newIntegratorKey();
    const parsed = parseIntegratorKey(issued.key)!;
    expect(parsed.keyId).toBe(issued.keyId);
    expect(secretMatches(parsed.secret, issued.secretSha256)).toBe(true);
    expect(secretMatches(parseIntegratorKey(newIntegratorKey().key)!.secret, issued.secretSha256)).toBe(false);
    expect(issued.secretSha256.toString('hex')).not.toContain(parsed.secret);
  });

  it('gives a key id a new secret that the old one no longer matches', () => {
    const issued = newIntegratorKey();
    const again = newSecretFor(issued.keyId);
    expect(parseIntegratorKey(again.key)!.keyId).toBe(issued.keyId);
    expect(secretMatches(parseIntegratorKey(again.key)!.secret, again.secretSha256)).toBe(true);
    expect(secretMatches(parseIntegratorKey(issued.key)!.secret, again.secretSha256)).toBe(false);
  });

  it('recognises only the key format', () => {
    expect(parseIntegratorKey('dev-portal-key')).toBeUndefined();
    expect(parseIntegratorKey(`${newIntegratorKey().key}x`)).toBeUndefined();
  });

  it('keeps a rotated key working until its overlap ends, and a revoked one not at all', () => {
    const now = new Date('2026-11-30T12:00:00Z');
    expect(isKeyUsable({ expiresAt: null, revokedAt: null }, now)).toBe(true);
    expect(isKeyUsable({ expiresAt: new Date('2026-11-30T12:00:01Z'), revokedAt: null }, now)).toBe(true);
    expect(isKeyUsable({ expiresAt: now, revokedAt: null }, now)).toBe(false);
    expect(isKeyUsable({ expiresAt: null, revokedAt: new Date('2026-11-30T11:00:00Z') }, now)).toBe(false);
  });
});
