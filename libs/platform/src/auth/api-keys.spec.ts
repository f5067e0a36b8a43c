import { findPrincipal, parseApiKeys } from './api-keys';

describe('API keys', () => {
  const table = parseApiKeys('portal-secret-123=integrator:web-portal, housing-secret-1=department:city-housing');

  it('finds the principal of a known key and nobody for an unknown one', () => {
    expect(findPrincipal(table, 'housing-secret-1')).toEqual({ role: 'department', subject: 'city-housing' });
    expect(findPrincipal(table, 'housing-secret-2')).toBeUndefined();
  });

  it('keeps only digests of the keys', () => {
    expect([...table.keys()].join()).not.toContain('secret');
  });

  it('rejects short keys and unknown roles, without echoing the key', () => {
    expect(() => parseApiKeys('abc=integrator:x')).toThrow(/at least 12 characters/);
    expect(() => parseApiKeys('abc=integrator:x')).not.toThrow(/abc/);
    expect(() => parseApiKeys('long-enough-key=mayor:x')).toThrow(/role "mayor"/);
  });
});
