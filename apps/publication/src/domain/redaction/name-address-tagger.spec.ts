import { spansOfTags, TAGS, tagsOfSpans, viterbi, wordFeaturesOf } from './name-address-tagger';

const tag = (name: (typeof TAGS)[number]) => TAGS.indexOf(name);

describe('BIO tags', () => {
  it('turn spans into tags and back', () => {
    const spans = [
      { type: 'name' as const, start: 1, end: 3 },
      { type: 'address' as const, start: 3, end: 6 },
    ];
    const tags = tagsOfSpans(7, spans);
    expect(tags.map((index) => TAGS[index])).toEqual(['O', 'B-name', 'I-name', 'B-address', 'I-address', 'I-address', 'O']);
    expect(spansOfTags(tags)).toEqual(spans);
  });
});

describe('viterbi', () => {
  const none = new Float32Array(TAGS.length * TAGS.length);
  const emissions = (...best: number[]) =>
    best.map((index) => {
      const scores = new Float32Array(TAGS.length);
      scores[index] = 1;
      return scores;
    });

  it('follows the emissions when the transitions say nothing', () => {
    expect(viterbi(emissions(tag('B-name'), tag('I-name'), tag('O')), none, new Float32Array(TAGS.length))).toEqual([
      tag('B-name'),
      tag('I-name'),
      tag('O'),
    ]);
  });

  it('never puts an inside tag after another type or at the start', () => {
    const path = viterbi(emissions(tag('I-name'), tag('B-address'), tag('I-name')), none, new Float32Array(TAGS.length));
    expect(TAGS[path[0]]).not.toBe('I-name');
    expect(TAGS[path[2]]).not.toBe('I-name');
  });
});

describe('wordFeaturesOf', () => {
  it('gives each character its word part of speech and place in the word', () => {
    const words = [
      { word: '张伟', tag: 'nr' },
      { word: '住', tag: 'v' },
      { word: '在这里', tag: 'x' },
    ];
    expect(wordFeaturesOf('张伟住在这里', () => words)).toEqual(['nr-B', 'nr-E', 'v-S', 'x-B', 'x-M', 'x-E']);
  });
});
