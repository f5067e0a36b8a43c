import { jiebaSearchWords } from '../../infra/redaction/jieba-word-tagger';
import { searchDocumentOf, searchQueryOf, snippetOf, tsqueryOf } from './search-text';

describe('Chinese full text tokens', () => {
  it('indexes bigrams, other runs and jieba’s search words, never a mask', () => {
    const tokens = searchDocumentOf('【姓名】反映的小区噪音问题已处理，ＡＢ座12号。', jiebaSearchWords).split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['反映', '映的', '小区', '区噪', '噪音', '音问', '问题', '已处', '处理', 'ab', '12']));
    expect(tokens).not.toContain('姓名');
    expect(tokens.every((token) => /^[\p{L}\p{N}]+$/u.test(token))).toBe(true);
  });

  it('reads a query as terms to find as written, with the tokens the index must hold', () => {
    expect(searchQueryOf('噪音')).toEqual({ terms: ['噪音'], tokens: ['噪音'] });
    expect(searchQueryOf(' 小区噪音  ＡＢ座 ')).toEqual({ terms: ['小区噪音', 'ab座'], tokens: ['小区', '区噪', '噪音', 'ab'] });
    expect(tsqueryOf(['小区', 'ab'])).toBe("'小区' & 'ab'");
  });

  it('refuses a query with nothing to look up', () => {
    expect(searchQueryOf('水')).toBeUndefined();
    expect(searchQueryOf('，。')).toBeUndefined();
    expect(searchQueryOf('噪音 水')).toBeUndefined();
    expect(searchQueryOf('一二 三四 五六 七八 九十 甲乙 丙丁 戊己 庚辛')).toBeUndefined();
  });

  it('cuts a snippet around the first hit and marks every term in it', () => {
    const text = `${'前'.repeat(50)}小区噪音已处理，噪音不再${'后'.repeat(200)}`;
    const snippet = snippetOf(text, ['噪音']);
    expect(snippet.text.startsWith('…')).toBe(true);
    expect(snippet.text.endsWith('…')).toBe(true);
    expect(snippet.highlights.map(({ start, end }) => snippet.text.slice(start, end))).toEqual(['噪音', '噪音']);
    expect(snippetOf('路灯已修复。', []).highlights).toEqual([]);
  });
});
