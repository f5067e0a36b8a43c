/**
 * The KPI score (绩效得分) of a department or region: a weighted mean of its rates, in points out of 100, with
 * zones by threshold. A rate that cannot be computed (no evaluations, nothing left to reply to) is left out and the
 * other weights count in its stead.
 */
export interface KpiWeights {
  /** 响应: the share signed for on time (及时签收率). */
  readonly response: number;
  /** 解决: the share replied on time (按时办结率). */
  readonly resolution: number;
  /** 满意: the share of evaluations that were satisfied (满意率). */
  readonly satisfaction: number;
}

export interface KpiZones {
  /** Score at or above which the zone is blue (蓝区, the good one). */
  readonly blue: number;
  /** Score at or above which (and below blue) the zone is yellow; below it, red. */
  readonly yellow: number;
}

export const DEFAULT_KPI_WEIGHTS: KpiWeights = { response: 30, resolution: 35, satisfaction: 35 };
export const DEFAULT_KPI_ZONES: KpiZones = { blue: 90, yellow: 75 };

/** 红黄蓝: the zones oversight ranks departments into. */
export type Zone = 'blue' | 'yellow' | 'red';

/** The counts one row of KPIs is computed from. */
export interface KpiCounts {
  readonly key: string;
  readonly name: string;
  readonly cases: number;
  readonly signedOnTime: number;
  readonly repliedOnTime: number;
  readonly returned: number;
  readonly overdue: number;
  readonly evaluated: number;
  readonly satisfied: number;
}

export interface KpiRow {
  readonly key: string;
  readonly name: string;
  readonly cases: number;
  readonly signedOnTime: number;
  readonly signedOnTimeRate: number | null;
  readonly repliedOnTime: number;
  readonly repliedOnTimeRate: number | null;
  readonly satisfactionRate: number | null;
  readonly returnRate: number | null;
  readonly overdue: number;
  readonly score: number | null;
  readonly rank: number;
  readonly zone: Zone;
}

const rateOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export function scoreOf(
  rates: { response: number | null; resolution: number | null; satisfaction: number | null },
  weights: KpiWeights,
): number | null {
  let points = 0;
  let weight = 0;
  for (const name of ['response', 'resolution', 'satisfaction'] as const) {
    const rate = rates[name];
    if (rate === null || weights[name] === 0) continue;
    points += rate * weights[name];
    weight += weights[name];
  }
  return weight === 0 ? null : Math.round((points / weight) * 10_000) / 100;
}

export function zoneOf(score: number | null, zones: KpiZones): Zone {
  if (score === null) return 'red';
  return score >= zones.blue ? 'blue' : score >= zones.yellow ? 'yellow' : 'red';
}

/**
 * The rows, ranked by score (highest 1; equal scores share a rank, the next ones skip: 1, 1, 3), then by key.
 * Returned-by-the-department assignments are left out of the reply rate: the department no longer had them.
 */
export function rankKpis(counts: readonly KpiCounts[], weights: KpiWeights, zones: KpiZones): KpiRow[] {
  const rows = counts.map((count) => {
    const signedOnTimeRate = rateOf(count.signedOnTime, count.cases);
    const repliedOnTimeRate = rateOf(count.repliedOnTime, count.cases - count.returned);
    const satisfactionRate = rateOf(count.satisfied, count.evaluated);
    const score = scoreOf({ response: signedOnTimeRate, resolution: repliedOnTimeRate, satisfaction: satisfactionRate }, weights);
    return {
      key: count.key,
      name: count.name,
      cases: count.cases,
      signedOnTime: count.signedOnTime,
      signedOnTimeRate,
      repliedOnTime: count.repliedOnTime,
      repliedOnTimeRate,
      satisfactionRate,
      returnRate: rateOf(count.returned, count.cases),
      overdue: count.overdue,
      score,
      rank: 0,
      zone: zoneOf(score, zones),
    };
  });
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let rank = 0;
  return rows.map((row, index) => {
    if (index === 0 || rows[index - 1].score !== row.score) rank = index + 1;
    return { ...row, rank };
  });
}

/** Parses `response=30,resolution=35,satisfaction=35` (each optional, non-negative, not all 0); throws naming the problem. */
export function parseKpiWeights(text: string | undefined): KpiWeights {
  if (text === undefined || text.trim() === '') return DEFAULT_KPI_WEIGHTS;
  const weights = { ...DEFAULT_KPI_WEIGHTS } as Record<keyof KpiWeights, number>;
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((piece) => piece.trim());
    if (!(name in weights)) throw new Error(`unknown weight "${name}" (response, resolution, satisfaction)`);
    if (!/^\d+(\.\d+)?$/.test(value ?? '')) throw new Error(`weight ${name} must be a non-negative number, got "${value ?? ''}"`);
    weights[name as keyof KpiWeights] = Number(value);
  }
  if (weights.response + weights.resolution + weights.satisfaction === 0) throw new Error('the weights must not all be 0');
  return weights;
}

/** Parses `blue=90,yellow=75` (scores out of 100, yellow ≤ blue). */
export function parseKpiZones(text: string | undefined): KpiZones {
  if (text === undefined || text.trim() === '') return DEFAULT_KPI_ZONES;
  const zones = { ...DEFAULT_KPI_ZONES } as Record<keyof KpiZones, number>;
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((piece) => piece.trim());
    if (name !== 'blue' && name !== 'yellow') throw new Error(`unknown zone "${name}" (blue, yellow)`);
    const score = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value ?? '') || score > 100)
      throw new Error(`zone ${name} must be a score from 0 to 100, got "${value ?? ''}"`);
    zones[name] = score;
  }
  if (zones.yellow > zones.blue) throw new Error('the yellow threshold must not be above the blue one');
  return zones;
}
