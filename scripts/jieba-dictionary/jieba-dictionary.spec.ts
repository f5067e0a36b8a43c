import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { DictionarySegmenter, JIEBA_DICTIONARY } from '@ugov/text';
import { ModelStore } from '../../apps/dispatch/src/infra/classification/model-store';
import { readLabelledMessages, shippedTrainingFile } from '../classifier/labelled-messages';
import {
  FULL_DICTIONARY,
  PLACEHOLDER_WORD,
  deriveDictionary,
  parseDictionary,
  readCorpus,
  segmentationOf,
  segmentedFormsOf,
  totalFrequency,
  withSharedData,
} from './jieba-dictionary';

const fullText = readFileSync(FULL_DICTIONARY);
const shippedText = readFileSync(JIEBA_DICTIONARY);
const full = Jieba.withDict(fullText);
const shipped = Jieba.withDict(shippedText);
const inProcess = DictionarySegmenter.fromDictionary(shippedText);

/** The texts (in every form the services give jieba) that the in-process segmenter cuts otherwise than jieba. */
function cutOtherwise(texts: readonly string[]): string[] {
  return texts.filter((text) =>
    segmentedFormsOf(text).some((form) => JSON.stringify(inProcess.cut(form)) !== JSON.stringify(shipped.cut(form, false))),
  );
}

/** The texts (in every form the services give jieba) that the shipped dictionary segments otherwise than the whole one. */
function differing(texts: readonly string[]): string[] {
  return texts.filter((text) => segmentedFormsOf(text).some((form) => segmentationOf(form, shipped) !== segmentationOf(form, full)));
}

describe("the shipped jieba dictionary (jieba's, cut down)", () => {
  it("keeps jieba's lines whole and its total frequency, which every word's score is relative to", () => {
    const fullEntries = parseDictionary(fullText.toString('utf8'));
    const shippedEntries = parseDictionary(shippedText.toString('utf8'));
    const fullLines = new Set(fullEntries.map((entry) => entry.line));
    expect(shippedEntries.filter((entry) => entry.word !== PLACEHOLDER_WORD && !fullLines.has(entry.line))).toEqual([]);
    expect(totalFrequency(shippedEntries)).toBe(totalFrequency(fullEntries));
    expect(shippedEntries.length).toBeLessThan(fullEntries.length / 4);
  });

  it("segments every one of the classifier's training messages as jieba's whole dictionary does (cut, search, tag)", () => {
    // The shipped models were trained on these words: the same segmentation is what spares retraining them.
    const messages = readLabelledMessages(shippedTrainingFile(new ModelStore().folder)).map((message) => message.text);
    expect(messages.length).toBeGreaterThan(2000);
    expect(differing(messages)).toEqual([]);
  });

  it("is cut by the in-process segmenter exactly as by jieba, on every training message (dispatch's classifier)", () => {
    const messages = readLabelledMessages(shippedTrainingFile(new ModelStore().folder)).map((message) => message.text);
    expect(cutOtherwise(messages)).toEqual([]);
  });
});

// The shared data (../shared/data beside the project) it was derived from; a clone without it has nothing to read.
(withSharedData() ? describe : describe.skip)('the shipped jieba dictionary on the shared data', () => {
  it('segments a sample of each source as the whole dictionary does (cut, search, tag)', () => {
    for (const source of readCorpus()) {
      const sample = source.texts.filter((_, index) => index % 5 === 0);
      expect(sample.length).toBeGreaterThan(100);
      expect({ source: source.name, differing: differing(sample) }).toEqual({ source: source.name, differing: [] });
    }
  });

  it('is cut by the in-process segmenter exactly as by jieba, every text of each source', () => {
    for (const source of readCorpus())
      expect({ source: source.name, cutOtherwise: cutOtherwise(source.texts) }).toEqual({ source: source.name, cutOtherwise: [] });
  });
});

describe('deriveDictionary', () => {
  const entries = parseDictionary(
    ['南京 100 ns', '南京市 50 ns', '长江 80 ns', '大桥 40 n', '市长 30 n', '江大桥 3 nr', '的 900 uj'].join('\n'),
  );

  it('keeps the words given and the most frequent, whole and in order, and gives the others’ frequency to a placeholder', () => {
    const derived = deriveDictionary(entries, new Set(['南京市', '大桥']), 1);
    expect(derived).toBe(['南京市 50 ns', '大桥 40 n', '的 900 uj', `${PLACEHOLDER_WORD} 213 x`, ''].join('\n'));
    expect(totalFrequency(parseDictionary(derived))).toBe(totalFrequency(entries));
  });
});
