/**
 * The KPIs (绩效考核) of a department, category, level or region over a period: nine rates from counts of its
 * assignments, a weighted score out of 100, a rank and a zone. Each rate's formula is on `KpiRow` and in the README
 * (KPIs and exports); a rate with nothing to divide by is null, and in the score the other weights count in its stead.
 */
export interface KpiWeights {
  /** 响应: the share of assignments the department answered, signing for them or returning them (响应率). */
  readonly response: number;
  /** 解决: the share of replies that resolved the matter (解决率). */
  readonly resolution: number;
  /** 满意: the share of rated assignments whose latest rating was satisfied (满意率). */
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

/** The names of the catalog's administrative levels of a department (市, 区县, 街镇, 社区), as rows by level show them. */
export const DEPARTMENT_LEVEL_NAMES: Readonly<Record<string, string>> = {
  city: '市级',
  district: '区县级',
  street: '街镇级',
  community: '社区级',
  unknown: '未知层级',
};

/** 红黄蓝: the zones oversight ranks departments into. */
export type Zone = 'blue' | 'yellow' | 'red';

/** The counts one row of KPIs is computed from: the assignments made in the period to one key (and period). */
export interface KpiCounts {
  readonly key: string;
  readonly name: string;
  /** The first day of the day, week (Monday) or month the row covers, when the query splits the period. */
  readonly period?: string;
  readonly cases: number;
  readonly signedOnTime: number;
  /** Signed for or returned, at any time. */
  readonly responded: number;
  readonly repliedOnTime: number;
  /** Replied now (a redo reopens an assignment until its next reply). */
  readonly replied: number;
  /** Replied now with the outcome resolved. */
  readonly resolved: number;
  readonly returned: number;
  /** Replied at least once: replied now, or redone since. */
  readonly everReplied: number;
  /** Redone (重办) at least once. */
  readonly redone: number;
  readonly overdue: number;
  readonly evaluated: number;
  readonly satisfied: number;
  /** With a follow-up call (回访) due by today, or already recorded. */
  readonly followUpsDue: number;
  readonly followedUp: number;
}

export interface KpiRates {
  /** 及时签收率 = signedOnTime ÷ cases. */
  readonly signedOnTimeRate: number | null;
  /** 响应率 = responded ÷ cases. */
  readonly respondedRate: number | null;
  /** 按时办结率 = repliedOnTime ÷ (cases − returned). */
  readonly repliedOnTimeRate: number | null;
  /** 答复率 = replied ÷ (cases − returned). */
  readonly repliedRate: number | null;
  /** 解决率 = resolved ÷ replied. */
  readonly resolvedRate: number | null;
  /** 满意率 = satisfied ÷ evaluated. */
  readonly satisfactionRate: number | null;
  /** 退单率 = returned ÷ cases. */
  readonly returnRate: number | null;
  /** 重办率 = redone ÷ everReplied. */
  readonly redoRate: number | null;
  /** 回访率 = followedUp ÷ followUpsDue. */
  readonly followUpRate: number | null;
}

export type KpiRow = KpiCounts &
  KpiRates & {
    readonly score: number | null;
    readonly rank: number;
    readonly zone: Zone;
  };

export const rateOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** The nine rates of a row of counts. */
export function ratesOf(count: KpiCounts): KpiRates {
  return {
    signedOnTimeRate: rateOf(count.signedOnTime, count.cases),
    respondedRate: rateOf(count.responded, count.cases),
    repliedOnTimeRate: rateOf(count.repliedOnTime, count.cases - count.returned),
    repliedRate: rateOf(count.replied, count.cases - count.returned),
    resolvedRate: rateOf(count.resolved, count.replied),
    satisfactionRate: rateOf(count.satisfied, count.evaluated),
    returnRate: rateOf(count.returned, count.cases),
    redoRate: rateOf(count.redone, count.everReplied),
    followUpRate: rateOf(count.followedUp, count.followUpsDue),
  };
}

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

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The rows with their rates, score and zone, ranked by score within each period (highest 1; equal scores share a
 * rank, the next ones skip: 1, 1, 3), then by key; periods in order.
 */
export function rankKpis(counts: readonly KpiCounts[], weights: KpiWeights, zones: KpiZones): KpiRow[] {
  const rows = counts.map((count) => {
    const rates = ratesOf(count);
    const score = scoreOf({ response: rates.respondedRate, resolution: rates.resolvedRate, satisfaction: rates.satisfactionRate }, weights);
    return { ...count, ...rates, score, rank: 0, zone: zoneOf(score, zones) };
  });
  rows.sort((a, b) => byText(a.period ?? '', b.period ?? '') || (b.score ?? -1) - (a.score ?? -1) || byText(a.key, b.key));
  let rank = 0;
  let periodStart = 0;
  return rows.map((row, index) => {
    const previous = rows[index - 1];
    if (index === 0 || previous.period !== row.period) [rank, periodStart] = [1, index];
    else if (previous.score !== row.score) rank = index - periodStart + 1;
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
