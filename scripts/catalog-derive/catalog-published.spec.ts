import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEvent } from '@ugov/messaging';
import { ReferenceEvents } from '@ugov/contracts';
import { intakeCatalogOf as intakePartOf } from '../../apps/dispatch/src/domain/intake-catalog';
import { parseCatalog } from '../../apps/dispatch/src/domain/catalog';
import { catalogPublishedEvent } from '../../apps/dispatch/src/publish-catalog/catalog-published.events';
import { SHIPPED_CATALOG } from '../../apps/intake/src/domain/intake-catalog';
import { intakeCatalogOf } from '../../apps/intake/src/record-catalog/catalog-published.mapping';

/** Dispatch's side (catalog-published.events.ts) and intake's (catalog-published.mapping.ts) of dispatch.catalog-published.v1. */
describe('a published catalog version as intake keeps it', () => {
  const demoCity = parseCatalog(JSON.parse(readFileSync(join(__dirname, '../../apps/dispatch/catalog/demo-city.json'), 'utf8')));
  const effectiveFrom = new Date('2026-12-01T00:00:00+08:00');

  it('is, over the wire, what intake ships for the same catalog: services, attributes, items and materials', () => {
    const encoded = catalogPublishedEvent({ version: 3, effectiveFrom }, intakePartOf(demoCity.document), new Date());
    const received = intakeCatalogOf(
      decodeEvent(ReferenceEvents.catalogPublished, {
        ...encoded,
        value: Buffer.from(encoded.value),
        partition: 0,
        offset: '0',
        timestamp: new Date(),
      }).body,
    );
    expect(received).toEqual({ ...SHIPPED_CATALOG, version: 3, effectiveFrom });
    expect(encoded.key).toBe('catalog');
  });
});
