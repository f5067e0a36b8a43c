import { ConfigError } from '@ugov/platform';
import { anchorIntervalMinutes } from './anchor-audit-chain.job';

describe('AUDIT_ANCHOR_INTERVAL_MINUTES', () => {
  it('is an hour unless set', () => {
    expect(anchorIntervalMinutes({})).toBe(60);
    expect(anchorIntervalMinutes({ AUDIT_ANCHOR_INTERVAL_MINUTES: '1440' })).toBe(1440);
    expect(anchorIntervalMinutes({ AUDIT_ANCHOR_INTERVAL_MINUTES: '5' })).toBe(5);
  });

  it.each(['0', '1441', '1.5', '-5', 'hourly', ' 60'])('refuses %j, naming the setting', (value) => {
    expect(() => anchorIntervalMinutes({ AUDIT_ANCHOR_INTERVAL_MINUTES: value })).toThrow(ConfigError);
    expect(() => anchorIntervalMinutes({ AUDIT_ANCHOR_INTERVAL_MINUTES: value })).toThrow('AUDIT_ANCHOR_INTERVAL_MINUTES');
  });
});
