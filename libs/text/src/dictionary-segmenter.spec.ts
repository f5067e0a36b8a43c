import { Jieba } from '@node-rs/jieba';
import { DictionarySegmenter } from './dictionary-segmenter';

const dictionary = [
  '南京 100 ns',
  '南京市 50 ns',
  '市长 30 n',
  '长江 80 ns',
  '大桥 40 n',
  '长江大桥 3 nz',
  '江大桥 3 nr',
  '的 900 uj',
  '𠀀𠀁 20 n',
].join('\n');
const segmenter = DictionarySegmenter.fromDictionary(dictionary);
const jieba = Jieba.withDict(Buffer.from(dictionary));

describe("DictionarySegmenter (jieba's exact mode without HMM, in the process)", () => {
  it.each([
    ['南京市长江大桥', ['南京市', '长江大桥']],
    ['南京的长江', ['南京', '的', '长江']],
    ['桥长江', ['桥', '长江']],
    ['wifi坏了', ['wifi', '坏', '了']],
    ['a1,b2', ['a1', ',', 'b2']],
    ['C++ and 3.5%', ['C', '+', '+', ' ', 'and', ' ', '3', '.', '5', '%']],
    ['南京\r\n长江 \n', ['南京', '\r\n', '长江', ' ', '\n']],
    ['，。！', ['，', '。', '！']],
    ['𠀀𠀁南京𠀂', ['𠀀𠀁', '南京', '𠀂']],
    ['', []],
  ])('cuts %j as jieba does', (text, words) => {
    expect(segmenter.cut(text)).toEqual(words);
    expect(jieba.cut(text, false)).toEqual(words);
  });

  it('hands over the offsets of the words it cuts', () => {
    const offsets: [number, number][] = [];
    segmenter.visit('在南京市', (start, end) => offsets.push([start, end]));
    expect(offsets).toEqual([
      [0, 1],
      [1, 4],
    ]);
  });

  it('keeps the last frequency of a word listed twice', () => {
    const listed = '南京 1\n南京市 1000\n市长 10\n南京 100000';
    expect(DictionarySegmenter.fromDictionary(listed).cut('南京市长')).toEqual(['南京', '市长']);
    expect(Jieba.withDict(Buffer.from(listed)).cut('南京市长', false)).toEqual(['南京', '市长']);
  });

  it('refuses a line without a frequency, and a dictionary without words', () => {
    expect(() => DictionarySegmenter.fromDictionary('南京 100\n长江')).toThrow('dictionary line 2: "长江" has no frequency');
    expect(() => DictionarySegmenter.fromDictionary('\n')).toThrow('the dictionary holds no words');
  });
});
