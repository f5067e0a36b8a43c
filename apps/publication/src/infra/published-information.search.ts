import type { Sql } from '@ugov/persistence';
import { snippetOf, tsqueryOf, type SearchQuery, type Snippet } from '../domain/public-search/search-text';
import type { PublicWithheldPart } from '../domain/review-decision';
import { filters, pageOf, PUBLIC_PAGE_SIZE, type PublishedReplySearch } from './published-replies.search';

export interface PublishedInformationSearch extends PublishedReplySearch {
  readonly columnCode?: string;
}

export interface PublishedInformationHit {
  readonly id: string;
  readonly columnCode: string;
  readonly departmentCode: string;
  readonly title: string;
  readonly publishedAt: Date;
  readonly snippet: Snippet;
}

export interface PublishedInformation {
  readonly id: string;
  readonly columnCode: string;
  readonly departmentCode: string;
  readonly title: string;
  readonly text: string;
  readonly withheld: PublicWithheldPart[];
  readonly publishedAt: Date;
}

/** Published information only (published_at is set for nothing else), as the public search of replies finds replies. */
const PUBLISHED = `published_at IS NOT NULL AND ($1::text IS NULL OR column_code = $1)`;

const SEARCH = `SELECT id, column_code, department_code, title, decided_text, published_at, count(*) OVER () AS total
  FROM publication.information_items, to_tsquery('simple', $2) AS query
  WHERE ${PUBLISHED} AND search_tokens @@ query
    AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS term WHERE strpos(search_text, term) = 0)
    AND ${filters(4)}
  ORDER BY ts_rank(search_tokens, query) DESC, published_at DESC, id
  LIMIT $7 OFFSET $8`;

const LATEST = `SELECT id, column_code, department_code, title, decided_text, published_at, count(*) OVER () AS total
  FROM publication.information_items
  WHERE ${PUBLISHED} AND ${filters(2)}
  ORDER BY published_at DESC, id
  LIMIT $5 OFFSET $6`;

interface Row {
  id: string;
  column_code: string;
  department_code: string;
  title: string;
  decided_text: string;
  withheld: PublicWithheldPart[];
  published_at: Date;
  total: string;
}

/** One page of published information of the site's columns, each with its snippet. */
export async function searchPublishedInformation(
  sql: Sql,
  search: PublishedInformationSearch,
): Promise<{ page: number; pageSize: number; total: number; items: PublishedInformationHit[] }> {
  const query: SearchQuery | undefined = search.query;
  const run = (limit: number, offset: number) => {
    const filtering = [search.departmentCode ?? null, search.fromDay ?? null, search.toDay ?? null, limit, offset];
    const column = search.columnCode ?? null;
    return sql.query(
      query ? SEARCH : LATEST,
      query ? [column, tsqueryOf(query.tokens), query.terms, ...filtering] : [column, ...filtering],
    ) as Promise<Row[]>;
  };
  const { rows, total } = await pageOf(search.page, run);
  return {
    page: search.page,
    pageSize: PUBLIC_PAGE_SIZE,
    total,
    items: rows.map((row) => ({
      id: row.id,
      columnCode: row.column_code,
      departmentCode: row.department_code,
      title: row.title,
      publishedAt: row.published_at,
      snippet: snippetOf(row.decided_text, query?.terms ?? []),
    })),
  };
}

/** One published piece of information, or undefined for anything not published. */
export async function publishedInformation(sql: Sql, id: string): Promise<PublishedInformation | undefined> {
  const [row] = (await sql.query(
    `SELECT id, column_code, department_code, title, decided_text, withheld, published_at
       FROM publication.information_items WHERE id = $1 AND published_at IS NOT NULL`,
    [id],
  )) as Row[];
  return (
    row && {
      id: row.id,
      columnCode: row.column_code,
      departmentCode: row.department_code,
      title: row.title,
      text: row.decided_text,
      withheld: row.withheld,
      publishedAt: row.published_at,
    }
  );
}
