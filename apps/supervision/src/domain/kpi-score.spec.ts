import {
  DEFAULT_KPI_WEIGHTS,
  DEFAULT_KPI_ZONES,
  parseKpiWeights,
  parseKpiZones,
  rankKpis,
  scoreOf,
  zoneOf,
  type KpiCounts,
} from './kpi-score';

const counts = (key: string, cases: number, signedOnTime: number, repliedOnTime: number, returned = 0): KpiCounts => ({
  key,
  name: key,
  cases,
  signedOnTime,
  repliedOnTime,
  returned,
  overdue: 0,
  evaluated: 0,
  satisfied: 0,
});

describe('KPI score, rank and zone', () => {
  it('weighs response 30, resolution 35, satisfaction 35, leaving out a rate that cannot be computed', () => {
    expect(scoreOf({ response: 1, resolution: 0.5, satisfaction: 0.8 }, DEFAULT_KPI_WEIGHTS)).toBe(75.5);
    // No evaluations: response and resolution count 30:35.
    expect(scoreOf({ response: 1, resolution: 0.5, satisfaction: null }, DEFAULT_KPI_WEIGHTS)).toBe(73.08);
    expect(scoreOf({ response: null, resolution: null, satisfaction: null }, DEFAULT_KPI_WEIGHTS)).toBeNull();
  });

  it('ranks by score, equal scores sharing a rank, and zones by threshold', () => {
    const rows = rankKpis(
      [counts('b', 10, 10, 10), counts('a', 10, 10, 10), counts('c', 4, 2, 1, 2), counts('d', 10, 9, 8)],
      DEFAULT_KPI_WEIGHTS,
      DEFAULT_KPI_ZONES,
    );
    expect(rows.map((row) => [row.key, row.rank, row.zone])).toEqual([
      ['a', 1, 'blue'],
      ['b', 1, 'blue'],
      ['d', 3, 'yellow'],
      ['c', 4, 'red'],
    ]);
    const c = rows[3];
    expect(c).toMatchObject({ signedOnTimeRate: 0.5, repliedOnTimeRate: 0.5, returnRate: 0.5, satisfactionRate: null, score: 50 });
    expect(zoneOf(90, DEFAULT_KPI_ZONES)).toBe('blue');
    expect(zoneOf(74.99, DEFAULT_KPI_ZONES)).toBe('red');
  });

  it('reads weights and zones from settings, naming what is wrong', () => {
    expect(parseKpiWeights('response=20, resolution=40,satisfaction=40')).toEqual({ response: 20, resolution: 40, satisfaction: 40 });
    expect(() => parseKpiWeights('speed=1')).toThrow('unknown weight "speed"');
    expect(() => parseKpiWeights('response=0,resolution=0,satisfaction=0')).toThrow('must not all be 0');
    expect(parseKpiZones('blue=85')).toEqual({ blue: 85, yellow: 75 });
    expect(() => parseKpiZones('blue=70,yellow=80')).toThrow('yellow threshold');
  });
});
