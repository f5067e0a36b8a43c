export interface LabelledPrediction {
  readonly actual: string;
  readonly predicted: string;
  readonly confidence: number;
}

export interface DomainFigures {
  readonly domain: string;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
}

export interface ClassificationReport {
  readonly examples: number;
  readonly accuracy: number;
  readonly perDomain: readonly DomainFigures[];
  readonly threshold: number;
  /** Share of messages below the threshold: sent to the human triage queue. */
  readonly triageShare: number;
  readonly autoShare: number;
  /** Of the messages dispatched automatically, the share in the right domain. */
  readonly autoPrecision: number;
  /** confusion[a][p]: how many messages of perDomain[a] were predicted as perDomain[p]. */
  readonly confusion: readonly (readonly number[])[];
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** What `npm run eval:classifier` prints: accuracy, per-domain precision and recall, and what the threshold does. */
export function reportOf(predictions: readonly LabelledPrediction[], threshold: number): ClassificationReport {
  const domains = [...new Set(predictions.flatMap(({ actual, predicted }) => [actual, predicted]))].sort();
  const perDomain = domains.map((domain) => {
    const truePositives = predictions.filter(({ actual, predicted }) => actual === domain && predicted === domain).length;
    const support = predictions.filter(({ actual }) => actual === domain).length;
    const predictedAs = predictions.filter(({ predicted }) => predicted === domain).length;
    return { domain, support, precision: ratio(truePositives, predictedAs), recall: ratio(truePositives, support) };
  });
  const confusion = domains.map((actual) =>
    domains.map(
      (predicted) => predictions.filter((prediction) => prediction.actual === actual && prediction.predicted === predicted).length,
    ),
  );
  const automatic = predictions.filter(({ confidence }) => confidence >= threshold);
  const right = (list: readonly LabelledPrediction[]) => list.filter(({ actual, predicted }) => actual === predicted).length;
  return {
    examples: predictions.length,
    accuracy: ratio(right(predictions), predictions.length),
    perDomain,
    threshold,
    triageShare: ratio(predictions.length - automatic.length, predictions.length),
    autoShare: ratio(automatic.length, predictions.length),
    autoPrecision: ratio(right(automatic), automatic.length),
    confusion,
  };
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function formatReport(report: ClassificationReport): string {
  const width = Math.max(...report.perDomain.map(({ domain }) => domain.length), 6) * 2;
  const lines = [
    `examples            ${report.examples}`,
    `top-1 accuracy      ${percent(report.accuracy)}`,
    `threshold           ${report.threshold}`,
    `auto-dispatched     ${percent(report.autoShare)} at precision ${percent(report.autoPrecision)}`,
    `sent to triage      ${percent(report.triageShare)}`,
    '',
    `${'domain'.padEnd(width)}  support  precision  recall`,
    ...report.perDomain.map(
      ({ domain, support, precision, recall }) =>
        `${domain.padEnd(width - domain.length)}  ${String(support).padStart(7)}  ${percent(precision).padStart(9)}  ${percent(recall).padStart(6)}`,
    ),
    '',
    'confusion (rows: actual, columns: predicted, in the order above)',
    ...report.perDomain.map(
      ({ domain }, row) =>
        `${domain.padEnd(width - domain.length)}  ${report.confusion[row].map((count) => String(count).padStart(5)).join('')}`,
    ),
  ];
  return lines.join('\n');
}
