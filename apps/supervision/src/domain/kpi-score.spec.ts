import {
  DEFAULT_KPI_WEIGHTS,
  DEFAULT_KPI_ZONES,
  parseKpiWeights,
  parseKpiZones,
  rankKpis,
  ratesOf,
  scoreOf,
  zoneOf,
  type KpiCounts,
} from './kpi-score';

/** Counts of `cases` assignments: `responded` answered, `replied` of them replied, `resolved` of those resolved. */
const counts = (
  key: string,
  cases: number,
  responded: number,
  replied: number,
  resolved: number,
  extra: Partial<KpiCounts> = {},
): KpiCounts => ({
  key,
  name: key,
  cases,
  signedOnTime: responded,
  responded,
  repliedOnTime: replied,
  replied,
  resolved,
  returned: 0,
  everReplied: replied,
  redone: 0,
  overdue: 0,
  evaluated: 0,
  satisfied: 0,
  followUpsDue: 0,
  followedUp: 0,
  ...extra,
});

describe('KPI rates, score, rank and zone', () => {
  it('weighs response 30, resolution 35, satisfaction 35, leaving out a rate that cannot be computed', () => {
    expect(scoreOf({ response: 1, resolution: 0.5, satisfaction: 0.8 }, DEFAULT_KPI_WEIGHTS)).toBe(75.5);
    // No evaluations: response and resolution count 30:35.
    expect(scoreOf({ response: 1, resolution: 0.5, satisfaction: null }, DEFAULT_KPI_WEIGHTS)).toBe(73.08);
    expect(scoreOf({ response: null, resolution: null, satisfaction: null }, DEFAULT_KPI_WEIGHTS)).toBeNull();
  });

  it('computes the nine rates by their formulas, null where there is nothing to divide by', () => {
    const row = counts('x', 10, 8, 6, 3, {
      signedOnTime: 7,
      repliedOnTime: 4,
      returned: 2,
      everReplied: 7,
      redone: 1,
      evaluated: 4,
      satisfied: 3,
      followUpsDue: 5,
      followedUp: 2,
    });
    expect(ratesOf(row)).toEqual({
      signedOnTimeRate: 0.7,
      respondedRate: 0.8,
      repliedOnTimeRate: 0.5,
      repliedRate: 0.75,
      resolvedRate: 0.5,
      satisfactionRate: 0.75,
      returnRate: 0.2,
      redoRate: 0.1429,
      followUpRate: 0.4,
    });
    expect(ratesOf(counts('none', 0, 0, 0, 0))).toEqual(
      expect.objectContaining({ respondedRate: null, resolvedRate: null, redoRate: null, followUpRate: null }),
    );
  });

  it('ranks by score, equal scores sharing a rank, and zones by threshold', () => {
    const rows = rankKpis(
      [counts('b', 10, 10, 10, 10), counts('a', 10, 10, 10, 10), counts('c', 4, 2, 2, 1), counts('d', 10, 9, 10, 8)],
      DEFAULT_KPI_WEIGHTS,
      DEFAULT_KPI_ZONES,
    );
    expect(rows.map((row) => [row.key, row.rank, row.zone])).toEqual([
      ['a', 1, 'blue'],
      ['b', 1, 'blue'],
      ['d', 3, 'yellow'],
      ['c', 4, 'red'],
    ]);
    expect(rows[3]).toMatchObject({ respondedRate: 0.5, resolvedRate: 0.5, satisfactionRate: null, score: 50 });
    expect(zoneOf(90, DEFAULT_KPI_ZONES)).toBe('blue');
    expect(zoneOf(74.99, DEFAULT_KPI_ZONES)).toBe('red');
  });

  it('ranks each period apart, periods in order', () => {
    const rows = rankKpis(
      [
        { ...counts('a', 10, 5, 5, 5), period: '2026-11-02' },
        { ...counts('b', 10, 10, 10, 10), period: '2026-11-02' },
        { ...counts('a', 10, 10, 10, 10), period: '2026-10-26' },
        { ...counts('b', 10, 10, 10, 10), period: '2026-10-26' },
      ],
      DEFAULT_KPI_WEIGHTS,
      DEFAULT_KPI_ZONES,
    );
    expect(rows.map((row) => [row.period, row.key, row.rank])).toEqual([
      ['2026-10-26', 'a', 1],
      ['2026-10-26', 'b', 1],
      ['2026-11-02', 'b', 1],
      ['2026-11-02', 'a', 2],
    ]);
  });

  it('reads weights and zones from settings, naming what is wrong', () => {
    expect(parseKpiWeights('response=20, resolution=40,satisfaction=40')).toEqual({ response: 20, resolution: 40, satisfaction: 40 });
    expect(() => parseKpiWeights('speed=1')).toThrow('unknown weight "speed"');
    expect(() => parseKpiWeights('response=0,resolution=0,satisfaction=0')).toThrow('must not all be 0');
    expect(parseKpiZones('blue=85')).toEqual({ blue: 85, yellow: 75 });
    expect(() => parseKpiZones('blue=70,yellow=80')).toThrow('yellow threshold');
  });
});
