import { randomBytes, randomUUID } from 'node:crypto';
import { PersonalDataCipher } from './personal-data.cipher';
import { loadPersonalDataKeys } from './personal-data.config';

const key = () => randomBytes(32).toString('base64');
const OLD = key();
const NEW = key();
const HASH = key();
const cipherWith = (keys: string, hashKey = HASH) => new PersonalDataCipher(loadPersonalDataKeys({ INTAKE_PII_KEYS: keys, INTAKE_PII_HASH_KEY: hashKey }));

describe('PersonalDataCipher', () => {
  const caseId = randomUUID();

  it('seals under the current key, naming it, and opens again', () => {
    const cipher = cipherWith(`k2:${NEW},k1:${OLD}`);
    const sealed = cipher.seal('王小明', caseId, 'requester.name');
    expect(sealed).toMatch(/^v1\.k2\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('王小明');
    expect(cipher.open(sealed, caseId, 'requester.name')).toBe('王小明');
  });

  it('never seals the same value twice the same way', () => {
    const cipher = cipherWith(`k1:${OLD}`);
    expect(cipher.seal('13812345678', caseId, 'requester.phone')).not.toBe(cipher.seal('13812345678', caseId, 'requester.phone'));
  });

  it('opens what an older key sealed, as long as the key is still configured, and says it needs sealing again', () => {
    const sealedBefore = cipherWith(`k1:${OLD}`).seal('13812345678', caseId, 'requester.phone');
    const rotated = cipherWith(`k2:${NEW},k1:${OLD}`);
    expect(rotated.open(sealedBefore, caseId, 'requester.phone')).toBe('13812345678');
    expect(rotated.isSealedWithOlderKey(sealedBefore)).toBe(true);
    expect(rotated.isSealedWithOlderKey(rotated.seal('x', caseId, 'requester.phone'))).toBe(false);
    expect(() => cipherWith(`k2:${NEW}`).open(sealedBefore, caseId, 'requester.phone')).toThrow(/key "k1", which INTAKE_PII_KEYS no longer holds/);
  });

  it('refuses a value moved to another case or field, or tampered with, rather than return something wrong', () => {
    const cipher = cipherWith(`k1:${OLD}`);
    const sealed = cipher.seal('王小明', caseId, 'requester.name');
    expect(() => cipher.open(sealed, randomUUID(), 'requester.name')).toThrow();
    expect(() => cipher.open(sealed, caseId, 'location.address')).toThrow();
    const payload = Buffer.from(sealed.split('.')[2], 'base64url');
    payload[payload.length - 1] ^= 1;
    expect(() => cipher.open(`v1.k1.${payload.toString('base64url')}`, caseId, 'requester.name')).toThrow();
    expect(() => cipher.open('王小明', caseId, 'requester.name')).toThrow(/not sealed personal data/);
  });

  it('hashes the same phone or ID number, however written, to the same keyed hash, and another hash key to another', () => {
    const cipher = cipherWith(`k1:${OLD}`);
    expect(cipher.phoneHash('+86 138-1234-5678')).toBe(cipher.phoneHash('13812345678'));
    expect(cipher.phoneHash('13812345678')).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.phoneHash('13812345679')).not.toBe(cipher.phoneHash('13812345678'));
    expect(cipher.idNumberHash('11010519491231002x')).toBe(cipher.idNumberHash('11010519491231002X'));
    expect(cipherWith(`k1:${OLD}`, key()).phoneHash('13812345678')).not.toBe(cipher.phoneHash('13812345678'));
  });
});

describe('loadPersonalDataKeys', () => {
  it('takes the first key as the current one', () => {
    const keys = loadPersonalDataKeys({ INTAKE_PII_KEYS: `k2:${NEW}, k1:${OLD}`, INTAKE_PII_HASH_KEY: HASH });
    expect(keys.currentKeyId).toBe('k2');
    expect([...keys.keys.keys()]).toEqual(['k2', 'k1']);
  });

  it('has no default key: both settings are required', () => {
    expect(() => loadPersonalDataKeys({})).toThrow(/INTAKE_PII_KEYS: required[\s\S]*INTAKE_PII_HASH_KEY: required/);
  });

  it.each([
    [`${NEW}`, /entry 1 needs a key id/],
    [`k 1:${NEW}`, /entry 1 needs a key id/],
    [`k1:${NEW},k1:${OLD}`, /key id "k1" appears twice/],
    [`k1:${randomBytes(16).toString('base64')}`, /key "k1" must be base64 of exactly 32 bytes, got 16/],
  ])('refuses INTAKE_PII_KEYS=%s, naming the reason', (keys, reason) => {
    expect(() => loadPersonalDataKeys({ INTAKE_PII_KEYS: keys, INTAKE_PII_HASH_KEY: HASH })).toThrow(reason);
  });

  it('refuses a short hash key, or one that is also an encryption key, without printing a key', () => {
    expect(() => loadPersonalDataKeys({ INTAKE_PII_KEYS: `k1:${OLD}`, INTAKE_PII_HASH_KEY: 'c2hvcnQ=' })).toThrow(/at least 32 random bytes, got 5/);
    expect(() => loadPersonalDataKeys({ INTAKE_PII_KEYS: `k1:${OLD}`, INTAKE_PII_HASH_KEY: OLD })).toThrow(/must differ/);
    try {
      loadPersonalDataKeys({ INTAKE_PII_KEYS: `k1:${OLD},k1:${NEW}`, INTAKE_PII_HASH_KEY: OLD });
    } catch (error) {
      expect((error as Error).message).not.toContain(OLD);
      expect((error as Error).message).not.toContain(NEW);
    }
  });
});
