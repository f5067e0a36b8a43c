import {
  chooseThreshold,
  defaultTrainingOptions,
  fitTemperature,
  naiveBayesScales,
  trainDomainModel,
  type LabelledMessage,
} from './train-domain-model';
import type { Segmenter } from './text-features';

const bySpaces: Segmenter = (text, word) => {
  for (const found of text.matchAll(/\S+/g)) word(found.index, found.index + found[0].length);
};
const meta = { version: 'v1', trainedAt: new Date('2026-11-30T00:00:00Z'), corrections: 3 };

/** Two domains told apart by their words, with a shared filler and a few ambiguous messages. */
function corpus(): LabelledMessage[] {
  const messages: LabelledMessage[] = [];
  const urban = ['路灯', '井盖', '物业', '小区', '道路'];
  const labour = ['工资', '社保', '养老', '拖欠', '公积金'];
  for (let index = 0; index < 60; index++) {
    messages.push({ text: `${urban[index % 5]} ${urban[(index + 2) % 5]} 请求 处理`, domain: '城乡建设' });
    messages.push({ text: `${labour[index % 5]} ${labour[(index + 3) % 5]} 请求 处理`, domain: '劳动和社会保障' });
  }
  messages.push({ text: '物业 工资 请求', domain: '城乡建设' }, { text: '物业 工资 请求', domain: '劳动和社会保障' });
  return messages;
}

describe('training the domain classifier', () => {
  const options = { ...defaultTrainingOptions, folds: 3, minDocumentFrequency: 1 };
  const { model, crossValidated } = trainDomainModel(corpus(), bySpaces, meta, options);

  it('learns separable domains and measures itself on held-out folds', () => {
    expect(model.domains).toEqual(['劳动和社会保障', '城乡建设']);
    expect(crossValidated).toHaveLength(122);
    expect(model.crossValidation.accuracy).toBeGreaterThan(0.95);
    expect(model.crossValidation.autoPrecision).toBeGreaterThanOrEqual(0.97);
    expect(model.examples).toEqual({ shipped: 119, corrections: 3 });
  });

  it('chooses the threshold on the margin over the runner-up, or on the probability when asked', () => {
    expect(model.thresholdOn).toBe('margin');
    const byProbability = trainDomainModel(corpus(), bySpaces, meta, { ...options, thresholdOn: 'probability' });
    expect(byProbability.model.thresholdOn).toBe('probability');
    // With two domains the margin is 2p - 1: the same order, so the same messages go automatically.
    expect(byProbability.model.crossValidation.autoShare).toBe(model.crossValidation.autoShare);
  });

  it('is deterministic: the same data and seed give the same model', () => {
    expect(trainDomainModel(corpus(), bySpaces, meta, options).model.weights).toEqual(model.weights);
  });

  it('keeps at most maxFeatures features', () => {
    const small = trainDomainModel(corpus(), bySpaces, meta, { ...options, maxFeatures: 4 }).model;
    expect(small.features).toHaveLength(4);
    expect(small.weights).toHaveLength(8);
  });

  it('trains plain logistic regression when naive-Bayes scaling is off, as v1–v3 were', () => {
    const plain = trainDomainModel(corpus(), bySpaces, meta, { ...options, naiveBayesScaling: undefined }).model;
    expect(plain.crossValidation.accuracy).toBeGreaterThan(0.95);
    expect(plain.weights).not.toEqual(model.weights);
  });

  it('refuses data with a single domain', () => {
    expect(() => trainDomainModel([{ text: '路灯', domain: '城乡建设' }], bySpaces, meta, options)).toThrow(/two domains/);
  });
});

describe('choosing the threshold', () => {
  const at = (confidence: number, correct: boolean) => ({ confidence, correct });

  it('takes the lowest confidence that keeps the target precision above it', () => {
    const predictions = [at(0.99, true), at(0.98, true), at(0.97, true), at(0.9, false), at(0.8, true), at(0.7, false)];
    expect(chooseThreshold(predictions, 0.75)).toBe(0.8);
    expect(chooseThreshold(predictions, 1)).toBe(0.97);
  });

  it('is 1 when no share reaches the target, and never splits tied confidences', () => {
    expect(chooseThreshold([at(0.9, false), at(0.8, true)], 0.97)).toBe(1);
    expect(chooseThreshold([at(0.9, true), at(0.9, false), at(0.8, true)], 0.97)).toBe(1);
  });
});

describe('naive-Bayes scaling', () => {
  // Feature 0 occurs only in domain 0's messages, feature 1 in every message.
  const presence = [[0, 1], [0, 1], [1], [1]];
  const labels = [0, 0, 1, 1];

  it('weighs a feature by how much more one domain uses it than the others, never below the floor', () => {
    const scales = naiveBayesScales(presence, labels, 2, 2, { power: 1, floor: 0.3 });
    const [telling0, telling1, shared0, shared1] = scales;
    expect(telling0).toBeGreaterThan(shared0);
    expect(telling1).toBeGreaterThan(shared1);
    for (const scale of scales) expect(scale).toBeGreaterThanOrEqual(0.3);
  });

  it('is the floor for a feature every domain uses alike, and 1 everywhere with a floor of 1', () => {
    const even = naiveBayesScales([[0], [0]], [0, 1], 1, 2, { power: 0.5, floor: 0.3 });
    expect(Array.from(even)).toEqual([0.3, 0.3]);
    expect(Array.from(naiveBayesScales(presence, labels, 2, 2, { power: 0.5, floor: 1 }))).toEqual([1, 1, 1, 1]);
  });
});

describe('calibration', () => {
  it('cools over-confident scores and sharpens timid ones', () => {
    const overConfident = [
      { scores: Float64Array.from([10, 0]), label: 0 },
      { scores: Float64Array.from([10, 0]), label: 1 },
    ];
    expect(fitTemperature(overConfident)).toBeGreaterThan(2);
    const timid = Array.from({ length: 10 }, () => ({ scores: Float64Array.from([0.5, 0]), label: 0 }));
    expect(fitTemperature(timid)).toBeLessThan(0.2);
  });
});
