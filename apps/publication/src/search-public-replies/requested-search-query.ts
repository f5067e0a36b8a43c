import { RequestValidationError } from '@ugov/platform';
import { searchQueryOf, type SearchQuery } from '../domain/public-search/search-text';

/** The search a public route's `q` asks for (none without `q`), or a 400 naming `q` when it holds nothing to look up. */
export function requestedSearchQuery(q: string | undefined): SearchQuery | undefined {
  if (q === undefined) return undefined;
  const query = searchQueryOf(q);
  if (!query)
    throw new RequestValidationError([
      { field: 'q', reason: 'q must hold at most 8 words, each with at least two characters of a word (letters or digits)' },
    ]);
  return query;
}
