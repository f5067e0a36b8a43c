import { DEV_API_KEYS, findPrincipal, parseApiKeys } from './api-keys';

describe('API keys', () => {
  const table = parseApiKeys('portal-secret-123=integrator:web-portal, housing-secret-1=department:city-housing');

  it('finds the principal of a known key and nobody for an unknown one', () => {
    expect(findPrincipal(table, 'housing-secret-1')).toEqual({
      subject: 'city-housing',
      roles: ['department'],
      departments: ['city-housing'],
    });
    expect(findPrincipal(table, 'portal-secret-123')).toEqual({ subject: 'web-portal', roles: ['integrator'], departments: [] });
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

  it('has a development key for every role but the requester, and department systems tied to one department', () => {
    const dev = parseApiKeys(DEV_API_KEYS);
    const roles = new Set([...dev.values()].flatMap((principal) => principal.roles));
    expect([...roles].sort()).toEqual(['admin', 'department', 'department-system', 'dispatcher', 'integrator', 'reviewer', 'supervisor']);
    expect(findPrincipal(dev, 'dev-city-housing-system-key')).toEqual({
      subject: 'city-housing',
      roles: ['department-system'],
      departments: ['city-housing'],
    });
  });
});
