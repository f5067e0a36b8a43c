import { formatReport, reportOf } from './classification-report';

describe('classification report', () => {
  const predictions = [
    { actual: '城乡建设', predicted: '城乡建设', confidence: 0.99 },
    { actual: '城乡建设', predicted: '环境保护', confidence: 0.95 },
    { actual: '环境保护', predicted: '环境保护', confidence: 0.6 },
    { actual: '环境保护', predicted: '环境保护', confidence: 0.97 },
  ];

  it('gives accuracy, per-domain precision and recall, the triage share and the automatic precision', () => {
    const report = reportOf(predictions, 0.9);
    expect(report.accuracy).toBe(0.75);
    expect(report.perDomain).toEqual([
      { domain: '城乡建设', support: 2, precision: 1, recall: 0.5 },
      { domain: '环境保护', support: 2, precision: 2 / 3, recall: 1 },
    ]);
    expect(report.triageShare).toBe(0.25);
    expect(report.autoShare).toBe(0.75);
    expect(report.autoPrecision).toBeCloseTo(2 / 3, 10);
    expect(report.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
  });

  it('prints the figures', () => {
    const text = formatReport(reportOf(predictions, 0.9));
    expect(text).toContain('top-1 accuracy      75.0%');
    expect(text).toContain('auto-dispatched     75.0% at precision 66.7%');
    expect(text).toContain('sent to triage      25.0%');
    expect(text).toMatch(/城乡建设 +1 +1\n环境保护 +0 +2$/);
  });
});
