import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog } from '../../apps/dispatch/src/domain/catalog';
import { CATALOG_FILE, derivedFiles } from './derived-files';

describe('the files derived from the dispatch catalog', () => {
  const root = join(__dirname, '../..');
  const catalog = parseCatalog(JSON.parse(readFileSync(join(root, CATALOG_FILE), 'utf8')));

  it.each([...derivedFiles(catalog.document)])('%s is what the catalog gives (else run npm run catalog:derive)', (file, content) => {
    expect(readFileSync(join(root, file), 'utf8')).toBe(content);
  });

  it('give intake every service item with its materials and every Open311 service, and publication the same items', () => {
    const files = derivedFiles(catalog.document);
    const intake = JSON.parse([...files.values()][0]) as {
      serviceItems: { code: string; materials: unknown[] }[];
      open311Services: { code: string }[];
    };
    expect(intake.open311Services.map((service) => service.code)).toEqual(
      catalog.open311Categories.map((category) => category.open311.code),
    );
    expect(intake.open311Services.length).toBeGreaterThanOrEqual(16);
    const guides = JSON.parse([...files.values()][1]) as { serviceGuides: { code: string }[] };
    expect(intake.serviceItems.map((item) => item.code)).toEqual(catalog.serviceItems.map((item) => item.code));
    expect(guides.serviceGuides.map((guide) => guide.code)).toEqual(catalog.serviceItems.map((item) => item.code));
    expect(intake.serviceItems.length).toBeGreaterThanOrEqual(10);
  });
});
