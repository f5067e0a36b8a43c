import { countFeatures, featuresOf, type Segmenter } from './text-features';

const bySpaces: Segmenter = (text, word) => {
  for (const found of text.matchAll(/\S+/g)) word(found.index, found.index + found[0].length);
};

describe('message features', () => {
  it('keeps words of two or more characters, and every character and bigram of the Chinese runs', () => {
    expect(featuresOf('路灯 坏了 的', bySpaces)).toEqual(['w:路灯', 'w:坏了', 'c:路', 'c:灯', 'b:路灯', 'c:坏', 'c:了', 'b:坏了', 'c:的']);
  });

  it('drops numbers and pseudonymised places, which say nothing about the domain', () => {
    const features = featuresOf('A3区 2019年 电话 138****1234', bySpaces);
    expect(features).not.toContainEqual(expect.stringMatching(/\d|a3/));
    expect(features).toContain('w:电话');
  });

  it('normalises full-width letters and case', () => {
    expect(featuresOf('ＥＴＣ etc', bySpaces)).toEqual(['w:etc', 'w:etc']);
  });

  it('counts repeated features', () => {
    expect(countFeatures(['w:a', 'b:b', 'w:a'])).toEqual(
      new Map([
        ['w:a', 2],
        ['b:b', 1],
      ]),
    );
  });
});
