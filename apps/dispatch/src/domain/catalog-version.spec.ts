import { effectiveFromDate, versionInForce } from './catalog-version';

const at = (iso: string) => new Date(iso);
const versions = [
  { version: 1, effectiveFrom: at('2000-01-01T00:00:00+08:00') },
  { version: 2, effectiveFrom: at('2026-12-01T00:00:00+08:00') },
  { version: 3, effectiveFrom: at('2026-11-15T00:00:00+08:00') },
  { version: 4, effectiveFrom: at('2026-12-01T00:00:00+08:00') },
];

describe('versionInForce', () => {
  it('takes the latest effective time at or before the instant, the later import on a tie', () => {
    expect(versionInForce(versions, at('2026-11-14T23:59:59+08:00'))?.version).toBe(1);
    expect(versionInForce(versions, at('2026-11-15T00:00:00+08:00'))?.version).toBe(3);
    expect(versionInForce(versions, at('2026-11-30T16:00:00Z'))?.version).toBe(4);
  });

  it('takes the earliest version for an instant before all of them, and nothing when there is none', () => {
    expect(versionInForce(versions.slice(1), at('1999-01-01T00:00:00Z'))?.version).toBe(3);
    expect(versionInForce([], at('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('effectiveFromDate', () => {
  it('is the start of the day in China', () => {
    expect(effectiveFromDate('2026-12-01')?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
  it('refuses what is not a day', () => {
    for (const text of ['2026-02-30', '2026-13-01', '2026-1-1', '01/12/2026', '']) expect(effectiveFromDate(text)).toBeUndefined();
  });
});
