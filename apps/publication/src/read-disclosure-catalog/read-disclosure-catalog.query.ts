import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  catalogListsReplies,
  disclosureCatalog,
  replyCatalogEntry,
  type DisclosureCatalogEntry,
  type DisclosureCatalogFilter,
} from '../domain/guides/disclosure-catalog';
import type { PublicLanguage } from '../domain/guides/public-language';
import { publishedReplyListing } from '../infra/published-replies.search';

export const CATALOG_PAGE_SIZE = 100;

export interface DisclosureCatalogPage {
  readonly categories: { code: string; name: string }[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
  readonly items: DisclosureCatalogEntry[];
}

/**
 * The catalog a page at a time: the items of the file first (a few dozen), then every published reply, newest first,
 * each a 主动公开 item under its department.
 */
@Injectable()
export class ReadDisclosureCatalogQuery {
  constructor(private readonly dataSource: DataSource) {}

  async page(language: PublicLanguage, filter: DisclosureCatalogFilter, page: number): Promise<DisclosureCatalogPage> {
    const { categories, items } = disclosureCatalog(language, filter);
    const offset = (page - 1) * CATALOG_PAGE_SIZE;
    const fromFile = items.slice(offset, offset + CATALOG_PAGE_SIZE);
    const replies = catalogListsReplies(filter)
      ? await publishedReplyListing(
          this.dataSource,
          filter.department,
          CATALOG_PAGE_SIZE - fromFile.length,
          Math.max(0, offset - items.length),
        )
      : { total: 0, replies: [] };
    return {
      categories,
      page,
      pageSize: CATALOG_PAGE_SIZE,
      total: items.length + replies.total,
      items: [...fromFile, ...replies.replies.map((reply) => replyCatalogEntry(reply, language))],
    };
  }
}
