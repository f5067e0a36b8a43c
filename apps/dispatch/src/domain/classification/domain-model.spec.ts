import { DOMAIN_MODEL_FORMAT, DomainClassifier, ModelFormatError, parseDomainModel, softmax, type DomainModel } from './domain-model';
import type { Segmenter } from './text-features';

const bySpaces: Segmenter = (text, word) => {
  for (const found of text.matchAll(/\S+/g)) word(found.index, found.index + found[0].length);
};

/** Two domains, two words: 路灯 means 城乡建设, 工资 means 劳动和社会保障. */
const model: DomainModel = {
  format: DOMAIN_MODEL_FORMAT,
  version: 'v7',
  trainedAt: '2026-11-30T00:00:00.000Z',
  examples: { shipped: 2, corrections: 0 },
  domains: ['城乡建设', '劳动和社会保障'],
  threshold: 0.9,
  temperature: 1,
  crossValidation: { folds: 2, examples: 2, accuracy: 1, autoShare: 1, autoPrecision: 1 },
  features: ['w:路灯', 'w:工资'],
  idf: [1, 1],
  weights: [4, -4, -4, 4],
  bias: [0, 0],
};

describe('domain classifier', () => {
  const classifier = new DomainClassifier(model, bySpaces);

  it('predicts the domain whose features the text has, with a probability', () => {
    const prediction = classifier.classify('路灯 坏了');
    expect(prediction.domain).toBe('城乡建设');
    expect(prediction.confidence).toBeCloseTo(1 / (1 + Math.exp(-8)), 6);
    expect(prediction.ranking.map(({ domain }) => domain)).toEqual(['城乡建设', '劳动和社会保障']);
    expect(classifier.isConfident(prediction)).toBe(true);
  });

  it('is unsure of a text without known features or with both', () => {
    expect(classifier.classify('天气 很好').confidence).toBeCloseTo(0.5, 6);
    expect(classifier.isConfident(classifier.classify('路灯 工资'))).toBe(false);
  });

  it('compares the margin over the runner-up with the threshold when the model says so', () => {
    const prediction = classifier.classify('路灯 坏了');
    expect(prediction.margin).toBeCloseTo(prediction.ranking[0].probability - prediction.ranking[1].probability, 10);
    expect(classifier.certainty(prediction)).toBe(prediction.confidence);
    const byMargin = new DomainClassifier({ ...model, thresholdOn: 'margin', threshold: 0.99 }, bySpaces);
    expect(byMargin.certainty(prediction)).toBe(prediction.margin);
    // 0.99966 sure, but only 0.99933 ahead of the runner-up: below a 0.9995 threshold on the margin.
    expect(new DomainClassifier({ ...model, thresholdOn: 'margin', threshold: 0.9995 }, bySpaces).isConfident(prediction)).toBe(false);
    expect(new DomainClassifier({ ...model, threshold: 0.9995 }, bySpaces).isConfident(prediction)).toBe(true);
    expect(() => parseDomainModel({ ...model, thresholdOn: 'entropy' }, 'm.json')).toThrow(/thresholdOn/);
  });

  it('softens its confidence with a higher temperature', () => {
    const scores = [2, 0];
    expect(softmax(scores, 2)[0]).toBeLessThan(softmax(scores, 1)[0]);
    expect(softmax(scores, 1)[0]).toBeCloseTo(1 / (1 + Math.exp(-2)), 10);
  });

  it('refuses a file that is not a complete model, naming the file and the problem', () => {
    expect(parseDomainModel(JSON.parse(JSON.stringify(model)), 'm.json').version).toBe('v7');
    expect(() => parseDomainModel({ ...model, format: 'other' }, 'm.json')).toThrow(ModelFormatError);
    expect(() => parseDomainModel({ ...model, weights: [1, 2, 3] }, 'm.json')).toThrow(/m\.json: weights/);
    expect(() => parseDomainModel({ ...model, threshold: 0 }, 'm.json')).toThrow(/threshold/);
    expect(() => parseDomainModel({ ...model, bias: [0] }, 'm.json')).toThrow(/bias/);
  });
});
