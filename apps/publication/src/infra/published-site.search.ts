import type { Sql } from '@ugov/persistence';
import { snippetOf, type SearchQuery, type Snippet } from '../domain/public-search/search-text';
import {
  filterCondition,
  matchOf,
  pageOfStatement,
  PUBLIC_PAGE_SIZE,
  StatementParameters,
  type PublicSearchFilters,
} from './public-search.sql';

/** What the site publishes: replies to requests, and government information of its columns. */
export const PUBLISHED_KINDS = ['reply', 'information'] as const;
export type PublishedKind = (typeof PUBLISHED_KINDS)[number];

export interface PublishedSiteSearch extends PublicSearchFilters {
  readonly query?: SearchQuery;
  /** Only this kind; both when undefined. */
  readonly kind?: PublishedKind;
  /** From 1. */
  readonly page: number;
}

export interface PublishedSiteHit {
  readonly kind: PublishedKind;
  readonly id: string;
  /** Information's title; null for a reply, which has none. */
  readonly title: string | null;
  readonly departmentCode: string;
  readonly domain: string | null;
  readonly regionCode: string | null;
  readonly publishedAt: Date;
  /** Where the whole item is read. */
  readonly link: string;
  readonly snippet: Snippet;
}

interface Row {
  kind: PublishedKind;
  id: string;
  title: string | null;
  department_code: string;
  category_code: string | null;
  region_code: string | null;
  text: string;
  published_at: Date;
  total: string;
}

const LINKS: Readonly<Record<PublishedKind, string>> = { reply: '/v1/public/replies', information: '/v1/public/information' };

/**
 * Replies and information in one list, ranked alike (`ts_rank` over the same kind of tokens, so a rank means the same
 * in both); the newest first among equals, and without a query.
 */
function searchStatement(search: PublishedSiteSearch, limit: number, offset: number): { text: string; values: unknown[] } {
  const parameters = new StatementParameters();
  const match = matchOf(parameters, search.query);
  const branches: string[] = [];
  if (search.kind !== 'information')
    branches.push(`SELECT 'reply' AS kind, id, NULL::text AS title, department_code, category_code, region_code, text, published_at,
        ${match.rank} AS rank
      FROM publication.published_replies
      WHERE ${match.condition} AND ${filterCondition(parameters, search, true)}`);
  if (search.kind !== 'reply')
    branches.push(`SELECT 'information' AS kind, id, title, department_code, NULL::text AS category_code, NULL::text AS region_code,
        decided_text AS text, published_at, ${match.rank} AS rank
      FROM publication.information_items
      WHERE published_at IS NOT NULL AND ${match.condition} AND ${filterCondition(parameters, search, false)}`);
  const text = `SELECT kind, id, title, department_code, category_code, region_code, text, published_at, count(*) OVER () AS total
    FROM (${branches.join(' UNION ALL ')}) AS hits
    ORDER BY rank DESC, published_at DESC, id
    LIMIT ${parameters.add(limit)} OFFSET ${parameters.add(offset)}`;
  return { text, values: parameters.values };
}

/** One page of everything the site published that the search finds, each with its snippet and where to read it. */
export async function searchPublishedSite(
  sql: Sql,
  search: PublishedSiteSearch,
): Promise<{ page: number; pageSize: number; total: number; items: PublishedSiteHit[] }> {
  const { rows, total } = await pageOfStatement<Row>(sql, search.page, (limit, offset) => searchStatement(search, limit, offset));
  return {
    page: search.page,
    pageSize: PUBLIC_PAGE_SIZE,
    total,
    items: rows.map((row) => ({
      kind: row.kind,
      id: row.id,
      title: row.title,
      departmentCode: row.department_code,
      domain: row.category_code,
      regionCode: row.region_code,
      publishedAt: row.published_at,
      link: `${LINKS[row.kind]}/${row.id}`,
      snippet: snippetOf(row.text, search.query?.terms ?? []),
    })),
  };
}
