import type { Sql } from '@ugov/persistence';
import { snippetOf, type SearchQuery, type Snippet } from '../domain/public-search/search-text';
import type { PublicWithheldPart } from '../domain/review-decision';
import {
  filterCondition,
  matchOf,
  pageOfStatement,
  PUBLIC_PAGE_SIZE,
  StatementParameters,
  type PublicSearchFilters,
} from './public-search.sql';

export interface PublishedInformationSearch extends PublicSearchFilters {
  readonly query?: SearchQuery;
  /** From 1. */
  readonly page: number;
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

/** The best-ranked first (with a query), the newest among equals; without a query, the newest first. */
function searchStatement(search: PublishedInformationSearch, limit: number, offset: number): { text: string; values: unknown[] } {
  const parameters = new StatementParameters();
  const match = matchOf(parameters, search.query);
  // Published information only (published_at is set for nothing else), as the public search of replies finds replies.
  const column = search.columnCode ? ` AND column_code = ${parameters.add(search.columnCode)}` : '';
  const text = `SELECT id, column_code, department_code, title, decided_text, published_at, count(*) OVER () AS total
    FROM publication.information_items
    WHERE published_at IS NOT NULL${column} AND ${match.condition} AND ${filterCondition(parameters, search, false)}
    ORDER BY ${search.query ? `${match.rank} DESC, ` : ''}published_at DESC, id
    LIMIT ${parameters.add(limit)} OFFSET ${parameters.add(offset)}`;
  return { text, values: parameters.values };
}

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
  const { rows, total } = await pageOfStatement<Row>(sql, search.page, (limit, offset) => searchStatement(search, limit, offset));
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
