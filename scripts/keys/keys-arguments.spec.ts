import { parseKeysArguments } from './keys-arguments';

describe('npm run keys arguments', () => {
  it('reads each command', () => {
    expect(parseKeysArguments(['register', 'web-portal'])).toEqual({ command: 'register', integrator: 'web-portal' });
    expect(parseKeysArguments(['issue', 'web-portal', '--channels', 'web-portal, mobile-app', '--rate', '60'])).toEqual({
      command: 'issue',
      integrator: 'web-portal',
      channels: ['web-portal', 'mobile-app'],
      operations: undefined,
      rateLimitPerMinute: 60,
    });
    expect(parseKeysArguments(['rotate', 'abc123def456', '--overlap', '0'])).toEqual({
      command: 'rotate',
      keyId: 'abc123def456',
      overlapSeconds: 0,
    });
    expect(parseKeysArguments(['revoke', 'abc123def456'])).toEqual({ command: 'revoke', keyId: 'abc123def456' });
    expect(parseKeysArguments(['list'])).toEqual({ command: 'list' });
  });

  it('says what is wrong, with the usage', () => {
    expect(() => parseKeysArguments([])).toThrow(/usage: npm run keys/);
    expect(() => parseKeysArguments(['issue', 'web-portal'])).toThrow(/issue needs --channels/);
    expect(() => parseKeysArguments(['rotate', 'k', '--overlap', 'soon'])).toThrow(/--overlap must be a whole number/);
    expect(() => parseKeysArguments(['revoke', 'k', '--force', 'yes'])).toThrow(/revoke takes no --force/);
    expect(() => parseKeysArguments(['register'])).toThrow(/needs the integrator name/);
  });
});
