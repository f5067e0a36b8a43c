import type { Sql } from '@ugov/persistence';
import { snippetOf, tsqueryOf, type SearchQuery, type Snippet } from '../domain/public-search/search-text';
import type { PublicWithheldPart } from '../domain/review-decision';

export const PUBLIC_PAGE_SIZE = 20;

export interface PublishedReplySearch {
  readonly query?: SearchQuery;
  readonly departmentCode?: string;
  /** Calendar days in China time, both included. */
  readonly fromDay?: string;
  readonly toDay?: string;
  /** From 1. */
  readonly page: number;
}

export interface PublishedReplyHit {
  readonly id: string;
  readonly departmentCode: string;
  readonly publishedAt: Date;
  readonly snippet: Snippet;
  readonly withheld: PublicWithheldPart[];
}

export interface PublishedReplyPage {
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly items: PublishedReplyHit[];
}

/** The filters, their parameters numbered from `first`: department, first day, last day (China time). */
export const filters = (first: number) => `($${first}::text IS NULL OR department_code = $${first})
  AND ($${first + 1}::date IS NULL OR published_at >= ($${first + 1}::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
  AND ($${first + 2}::date IS NULL OR published_at < (($${first + 2}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))`;

/**
 * The index finds the replies holding every token of the query; each term is then checked to stand in the text as
 * written (a phrase, not scattered bigrams); the best-ranked come first, the newest among equals.
 */
const SEARCH = `SELECT id, department_code, text, withheld, published_at, count(*) OVER () AS total
  FROM publication.published_replies, to_tsquery('simple', $1) AS query
  WHERE search_tokens @@ query
    AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS term WHERE strpos(search_text, term) = 0)
    AND ${filters(3)}
  ORDER BY ts_rank(search_tokens, query) DESC, published_at DESC, id
  LIMIT $6 OFFSET $7`;

/** Without a query: the newest first. */
const LATEST = `SELECT id, department_code, text, withheld, published_at, count(*) OVER () AS total
  FROM publication.published_replies
  WHERE ${filters(1)}
  ORDER BY published_at DESC, id
  LIMIT $4 OFFSET $5`;

interface Row {
  id: string;
  department_code: string;
  text: string;
  withheld: PublicWithheldPart[];
  published_at: Date;
  total: string;
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

/** One page of published replies (nothing else is in the table searched), each with its snippet. */
export async function searchPublishedReplies(sql: Sql, search: PublishedReplySearch): Promise<PublishedReplyPage> {
  const { query } = search;
  const run = (limit: number, offset: number) => {
    const filtering = [search.departmentCode ?? null, search.fromDay ?? null, search.toDay ?? null, limit, offset];
    return sql.query(query ? SEARCH : LATEST, query ? [tsqueryOf(query.tokens), query.terms, ...filtering] : filtering) as Promise<Row[]>;
  };
  const { rows, total } = await pageOf(search.page, run);
  return {
    page: search.page,
    pageSize: PUBLIC_PAGE_SIZE,
    total,
    items: rows.map((row) => ({
      id: row.id,
      departmentCode: row.department_code,
      publishedAt: row.published_at,
      snippet: snippetOf(row.text, query?.terms ?? []),
      withheld: row.withheld,
    })),
  };
}

export interface PublishedReply {
  readonly id: string;
  readonly departmentCode: string;
  readonly text: string;
  readonly withheld: PublicWithheldPart[];
  readonly publishedAt: Date;
}

/** One published reply, or undefined for anything that is not published (unknown, awaiting review, not public). */
export async function publishedReply(sql: Sql, id: string): Promise<PublishedReply | undefined> {
  const [row] = (await sql.query(
    `SELECT id, department_code, text, withheld, published_at FROM publication.published_replies WHERE id = $1`,
    [id],
  )) as Row[];
  return row && { id: row.id, departmentCode: row.department_code, text: row.text, withheld: row.withheld, publishedAt: row.published_at };
}
