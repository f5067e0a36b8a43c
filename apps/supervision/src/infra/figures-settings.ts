import { ConfigError } from '@ugov/platform';
import type { AnomalySettings } from '../domain/anomaly-rules';
import { parseKpiWeights, parseKpiZones, type KpiWeights, type KpiZones } from '../domain/kpi-score';

function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max)
    throw new ConfigError(`${name}: must be a number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** The anomaly rules' thresholds (README: Anomalies). */
export function anomalySettingsFrom(env: NodeJS.ProcessEnv = process.env): AnomalySettings {
  return {
    minReplyMs: numberSetting(env, 'ANOMALY_MIN_REPLY_SECONDS', 60, 0, 7 * 86_400) * 1000,
    shirkingBounces: numberSetting(env, 'ANOMALY_SHIRKING_BOUNCES', 2, 1, 100),
    staleWorkingDays: numberSetting(env, 'ANOMALY_STALE_WORKING_DAYS', 5, 0.0001, 365),
    returnRateWindowDays: numberSetting(env, 'ANOMALY_RETURN_RATE_WINDOW_DAYS', 30, 1, 366),
    returnRateMinAssignments: numberSetting(env, 'ANOMALY_RETURN_RATE_MIN_ASSIGNMENTS', 20, 1, 1_000_000),
    returnRateSigmas: numberSetting(env, 'ANOMALY_RETURN_RATE_SIGMAS', 2, 0, 10),
  };
}

/** How often the sweep runs, and how long after a reply its off-system check waits for the sign-off to arrive. */
export function anomalySweepFrom(env: NodeJS.ProcessEnv = process.env): { sweepMs: number; replyCheckGraceMs: number } {
  return {
    sweepMs: numberSetting(env, 'ANOMALY_SWEEP_MS', 60_000, 100, 3_600_000),
    replyCheckGraceMs: numberSetting(env, 'ANOMALY_REPLY_CHECK_GRACE_MS', 10_000, 0, 3_600_000),
  };
}

export function kpiSettingsFrom(env: NodeJS.ProcessEnv = process.env): { weights: KpiWeights; zones: KpiZones } {
  try {
    return { weights: parseKpiWeights(env.KPI_WEIGHTS), zones: parseKpiZones(env.KPI_ZONES) };
  } catch (error) {
    throw new ConfigError(`KPI_WEIGHTS / KPI_ZONES: ${(error as Error).message}`);
  }
}
