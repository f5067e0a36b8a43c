import { trackingNumberOf } from './tracking-number';

describe('trackingNumberOf', () => {
  it('uses the acceptance date in China time and pads the sequence', () => {
    expect(trackingNumberOf(new Date('2026-11-22T17:30:00Z'), 42)).toBe('UG20261123000042');
    expect(trackingNumberOf(new Date('2026-11-22T01:00:00Z'), 1234567)).toBe('UG202611221234567');
  });
});
