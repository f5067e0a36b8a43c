import type { Sql } from '@ugov/persistence';
import { regionPrefixOf } from '../domain/public-search/public-filters';
import { tsqueryOf, type SearchQuery } from '../domain/public-search/search-text';

export const PUBLIC_PAGE_SIZE = 20;

/** What the public narrows a search by, besides its words. */
export interface PublicSearchFilters {
  readonly departmentCode?: string;
  /** Calendar days in China time, both included. */
  readonly fromDay?: string;
  readonly toDay?: string;
  /** A domain, subdomain or category code: itself and every code below it. */
  readonly domain?: string;
  /** A GB/T 2260 code: itself and every region within it. */
  readonly regionCode?: string;
}

/** The numbered parameters of one statement, added as its text is written. */
export class StatementParameters {
  readonly values: unknown[] = [];

  /** `$n` standing for `value` (undefined is NULL). */
  add(value: unknown): string {
    this.values.push(value ?? null);
    return `$${this.values.length}`;
  }
}

/**
 * The filters as a condition on a published row. Rows without a domain or a region (government information has
 * neither) are left out as soon as one of those is asked for.
 */
export function filterCondition(parameters: StatementParameters, filters: PublicSearchFilters, hasTopics: boolean): string {
  if ((filters.domain || filters.regionCode) && !hasTopics) return 'false';
  const conditions: string[] = [];
  if (filters.departmentCode) conditions.push(`department_code = ${parameters.add(filters.departmentCode)}`);
  if (filters.fromDay)
    conditions.push(`published_at >= (${parameters.add(filters.fromDay)}::date::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (filters.toDay)
    conditions.push(`published_at < ((${parameters.add(filters.toDay)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`);
  if (filters.domain) {
    const domain = parameters.add(filters.domain);
    conditions.push(`(category_code = ${domain} OR category_code LIKE ${domain} || '.%')`);
  }
  // Codes are digits only (checked at the edge): nothing in the prefix is a LIKE wildcard.
  if (filters.regionCode) conditions.push(`region_code LIKE ${parameters.add(regionPrefixOf(filters.regionCode))} || '%'`);
  return conditions.length ? conditions.join(' AND ') : 'true';
}

/**
 * The index finds the rows holding every token of the query; each term is then checked to stand in the text as
 * written (a phrase, not scattered bigrams). Returns the condition and the rank to order by (0 without a query).
 */
export function matchOf(parameters: StatementParameters, query: SearchQuery | undefined): { condition: string; rank: string } {
  if (!query) return { condition: 'true', rank: '0::real' };
  const tsquery = `to_tsquery('simple', ${parameters.add(tsqueryOf(query.tokens))})`;
  const terms = parameters.add(query.terms);
  return {
    condition: `search_tokens @@ ${tsquery} AND NOT EXISTS (SELECT 1 FROM unnest(${terms}::text[]) AS term WHERE strpos(search_text, term) = 0)`,
    rank: `ts_rank(search_tokens, ${tsquery})`,
  };
}

/**
 * A page of rows counted with `count(*) OVER ()` in each (`total`): past the last page the window has no row to
 * count on, so the count comes from the first.
 */
export async function pageOf<Row extends { total: string }>(
  page: number,
  run: (limit: number, offset: number) => Promise<Row[]>,
): Promise<{ rows: Row[]; total: number }> {
  const rows = await run(PUBLIC_PAGE_SIZE, (page - 1) * PUBLIC_PAGE_SIZE);
  const counted = rows.length || page === 1 ? rows : await run(1, 0);
  return { rows, total: counted.length ? Number(counted[0].total) : 0 };
}

/** A page of the rows `statement` selects for a limit and an offset (each row counted in `total`), and how many there are. */
export function pageOfStatement<Row extends { total: string }>(
  sql: Sql,
  page: number,
  statement: (limit: number, offset: number) => { text: string; values: unknown[] },
): Promise<{ rows: Row[]; total: number }> {
  return pageOf(page, (limit, offset) => {
    const { text, values } = statement(limit, offset);
    return sql.query(text, values) as Promise<Row[]>;
  });
}
