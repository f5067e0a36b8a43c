import { ConfigError } from '@ugov/platform';
import { loadReturnsConfig } from './returns.config';

describe('DISPATCH_RETURNS_BEFORE_ARBITRATION', () => {
  it('defaults to 2 and takes a whole number from 0 to 20', () => {
    expect(loadReturnsConfig({})).toEqual({ returnsBeforeArbitration: 2 });
    expect(loadReturnsConfig({ DISPATCH_RETURNS_BEFORE_ARBITRATION: '0' })).toEqual({ returnsBeforeArbitration: 0 });
    expect(loadReturnsConfig({ DISPATCH_RETURNS_BEFORE_ARBITRATION: '5' })).toEqual({ returnsBeforeArbitration: 5 });
  });

  it('stops the process on anything else, naming the setting', () => {
    for (const raw of ['-1', '1.5', 'two', '21'])
      expect(() => loadReturnsConfig({ DISPATCH_RETURNS_BEFORE_ARBITRATION: raw })).toThrow(
        new ConfigError(`DISPATCH_RETURNS_BEFORE_ARBITRATION: must be a whole number from 0 to 20, got "${raw}"`),
      );
  });
});
