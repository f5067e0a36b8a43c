import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPEN311_SERVICES } from './open311-services';

interface CatalogCategory {
  readonly code: string;
  readonly aliases?: readonly string[];
}

describe('the Open311 services', () => {
  const catalog = JSON.parse(readFileSync(join(__dirname, '../../../dispatch/catalog/demo-city.json'), 'utf8')) as {
    categories: CatalogCategory[];
  };
  const known = new Set(catalog.categories.flatMap((category) => [category.code, ...(category.aliases ?? [])]));

  it('are categories the dispatch catalog knows (by code or alias), so that dispatch routes what Open311 files', () => {
    const unknown = OPEN311_SERVICES.map((service) => service.code).filter((code) => !known.has(code));
    expect(unknown).toEqual([]);
  });

  it('have distinct codes', () => {
    const codes = OPEN311_SERVICES.map((service) => service.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
