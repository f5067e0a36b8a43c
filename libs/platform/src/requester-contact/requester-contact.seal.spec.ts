import { randomBytes, randomUUID } from 'node:crypto';
import { ConfigError } from '../config';
import { loadContactKeys, RequesterContactSeal } from './requester-contact.seal';

const key = () => randomBytes(32).toString('base64');

describe('RequesterContactSeal', () => {
  const keys = loadContactKeys({ PUBLICATION_CONTACT_KEY: `k2:${key()},k1:${key()}` });
  const seal = new RequesterContactSeal(keys);
  const caseId = randomUUID();

  it('opens what it sealed for the same case, and the sealed form shows no contact', () => {
    const contact = { phone: '13812345678', email: 'zhang@example.cn', language: 'zh-Hans' as const };
    const sealed = seal.seal(contact, caseId);
    expect(sealed).toMatch(/^c1\.k2\./);
    expect(sealed).not.toContain('138');
    expect(seal.open(sealed, caseId)).toEqual(contact);
  });

  it('refuses a contact moved to another case, or tampered with', () => {
    const sealed = seal.seal({ phone: '13812345678', language: 'en' }, caseId);
    expect(() => seal.open(sealed, randomUUID())).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => seal.open(tampered, caseId)).toThrow();
  });

  it('opens with an older key after rotation, and names a key it no longer holds', () => {
    const old = loadContactKeys({ PUBLICATION_CONTACT_KEY: `k1:${key()}` });
    const sealed = new RequesterContactSeal(old).seal({ language: 'zh-Hans' }, caseId);
    const rotated = new RequesterContactSeal(loadContactKeys({ PUBLICATION_CONTACT_KEY: `k2:${key()},k1:${old.keys.get('k1')!.toString('base64')}` }));
    expect(rotated.open(sealed, caseId)).toEqual({ language: 'zh-Hans' });
    expect(() => seal.open(sealed, caseId)).toThrow(/k1|authenticate/);
  });

  it('stops the process on a missing or short key, naming the setting', () => {
    expect(() => loadContactKeys({})).toThrow(ConfigError);
    expect(() => loadContactKeys({ PUBLICATION_CONTACT_KEY: `k1:${randomBytes(16).toString('base64')}` })).toThrow(/exactly 32 bytes/);
  });
});
