import { Counter } from 'prom-client';
import { metricsRegistry } from '@ugov/observability';

/** How the classifier's decisions split between automatic dispatch and the triage queue, per model version. */
export const classifiedCases = new Counter({
  name: 'ugov_dispatch_classified_cases_total',
  help: 'Cases dispatch classified by their text, by model version and decision (auto, triage)',
  labelNames: ['version', 'decision'],
  registers: [metricsRegistry],
});
