import { before, columnCensusOf, SITE_COLUMNS } from './site-columns';

const at = (iso: string) => new Date(iso);

describe('the site census (普查) of columns', () => {
  const asOf = at('2026-11-30T04:00:00Z');

  it('counts back in days and in calendar months', () => {
    expect(before(asOf, { amount: 14, unit: 'days' })).toEqual(at('2026-11-16T04:00:00Z'));
    expect(before(asOf, { amount: 6, unit: 'months' })).toEqual(at('2026-05-30T04:00:00Z'));
    expect(before(at('2026-03-31T00:00:00Z'), { amount: 3, unit: 'months' })).toEqual(at('2025-12-31T00:00:00Z'));
  });

  it('flags a news column not updated for two weeks, not one updated within them', () => {
    const [news] = columnCensusOf(
      SITE_COLUMNS.slice(0, 1),
      [{ code: 'news', items: 3, lastPublishedAt: at('2026-11-15T23:59:59Z') }],
      asOf,
    );
    expect(news.finding).toBe('not-updated');
    const [fresh] = columnCensusOf(
      SITE_COLUMNS.slice(0, 1),
      [{ code: 'news', items: 3, lastPublishedAt: at('2026-11-16T04:00:00Z') }],
      asOf,
    );
    expect(fresh.finding).toBe('ok');
  });

  it('gives notices six months, and flags every column with nothing in it', () => {
    const census = columnCensusOf(SITE_COLUMNS, [{ code: 'notices', items: 1, lastPublishedAt: at('2026-06-01T00:00:00Z') }], asOf);
    const finding = Object.fromEntries(census.map((entry) => [entry.column.code, entry.finding]));
    expect(finding).toEqual({ news: 'empty', 'work-updates': 'empty', notices: 'ok', policy: 'empty', interpretation: 'empty' });
    const late = columnCensusOf(SITE_COLUMNS, [{ code: 'notices', items: 1, lastPublishedAt: at('2026-05-29T00:00:00Z') }], asOf);
    expect(late.find((entry) => entry.column.code === 'notices')!.finding).toBe('not-updated');
  });

  it('names every column in the five languages', () => {
    for (const column of SITE_COLUMNS) expect(Object.keys(column.names).sort()).toEqual(['en', 'fr', 'ja', 'zh-Hans', 'zh-Hant']);
  });
});
