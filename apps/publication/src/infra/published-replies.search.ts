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

export interface PublishedReplySearch extends PublicSearchFilters {
  readonly query?: SearchQuery;
  /** From 1. */
  readonly page: number;
}

export interface PublishedReplyHit {
  readonly id: string;
  readonly departmentCode: string;
  /** The case's category code as intake accepted it (null when it had none). */
  readonly domain: string | null;
  readonly regionCode: string | null;
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

interface Row {
  id: string;
  department_code: string;
  category_code: string | null;
  region_code: string | null;
  text: string;
  withheld: PublicWithheldPart[];
  published_at: Date;
  total: string;
}

/** The best-ranked first (with a query), the newest among equals; without a query, the newest first. */
function searchStatement(search: PublishedReplySearch, limit: number, offset: number): { text: string; values: unknown[] } {
  const parameters = new StatementParameters();
  const match = matchOf(parameters, search.query);
  const text = `SELECT id, department_code, category_code, region_code, text, withheld, published_at, count(*) OVER () AS total
    FROM publication.published_replies
    WHERE ${match.condition} AND ${filterCondition(parameters, search, true)}
    ORDER BY ${search.query ? `${match.rank} DESC, ` : ''}published_at DESC, id
    LIMIT ${parameters.add(limit)} OFFSET ${parameters.add(offset)}`;
  return { text, values: parameters.values };
}

/** One page of published replies (nothing else is in the table searched), each with its snippet. */
export async function searchPublishedReplies(sql: Sql, search: PublishedReplySearch): Promise<PublishedReplyPage> {
  const { rows, total } = await pageOfStatement<Row>(sql, search.page, (limit, offset) => searchStatement(search, limit, offset));
  return {
    page: search.page,
    pageSize: PUBLIC_PAGE_SIZE,
    total,
    items: rows.map((row) => ({
      id: row.id,
      departmentCode: row.department_code,
      domain: row.category_code,
      regionCode: row.region_code,
      publishedAt: row.published_at,
      snippet: snippetOf(row.text, search.query?.terms ?? []),
      withheld: row.withheld,
    })),
  };
}

export interface PublishedReply {
  readonly id: string;
  readonly departmentCode: string;
  readonly domain: string | null;
  readonly regionCode: string | null;
  readonly text: string;
  readonly withheld: PublicWithheldPart[];
  readonly publishedAt: Date;
}

/** One published reply, or undefined for anything that is not published (unknown, awaiting review, not public). */
export async function publishedReply(sql: Sql, id: string): Promise<PublishedReply | undefined> {
  const [row] = (await sql.query(
    `SELECT id, department_code, category_code, region_code, text, withheld, published_at FROM publication.published_replies WHERE id = $1`,
    [id],
  )) as Row[];
  return (
    row && {
      id: row.id,
      departmentCode: row.department_code,
      domain: row.category_code,
      regionCode: row.region_code,
      text: row.text,
      withheld: row.withheld,
      publishedAt: row.published_at,
    }
  );
}

/** The published replies as the disclosure catalog lists them, newest first, and how many there are; optionally one department's. */
export async function publishedReplyListing(
  sql: Sql,
  departmentCode: string | undefined,
  limit: number,
  offset: number,
): Promise<{ total: number; replies: { id: string; departmentCode: string; publishedAt: Date }[] }> {
  const [{ total }] = (await sql.query(
    `SELECT count(*) AS total FROM publication.published_replies WHERE $1::text IS NULL OR department_code = $1`,
    [departmentCode ?? null],
  )) as { total: string }[];
  if (limit === 0) return { total: Number(total), replies: [] };
  const rows = (await sql.query(
    `SELECT id, department_code, published_at FROM publication.published_replies
      WHERE $1::text IS NULL OR department_code = $1 ORDER BY published_at DESC, id LIMIT $2 OFFSET $3`,
    [departmentCode ?? null, limit, offset],
  )) as Row[];
  return {
    total: Number(total),
    replies: rows.map((row) => ({ id: row.id, departmentCode: row.department_code, publishedAt: row.published_at })),
  };
}
