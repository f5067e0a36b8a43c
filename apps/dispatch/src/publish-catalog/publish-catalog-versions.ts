import type { Sql } from '@ugov/persistence';
import { OutboxWriter } from '@ugov/messaging';
import { intakeCatalogOf } from '../domain/intake-catalog';
import { markCatalogVersionsPublished, unpublishedCatalogVersions } from '../infra/catalog-version.repository';
import { catalogPublishedEvent } from './catalog-published.events';

const outbox = new OutboxWriter('dispatch');

/**
 * Puts every catalog version not yet published into dispatch's outbox as dispatch.catalog-published.v1, in the
 * caller's transaction (the one that stored the version, or start-up for versions stored before publishing existed),
 * and marks them published: each version is published exactly once. Returns the versions published.
 */
export async function publishCatalogVersions(transaction: Sql, now: Date = new Date()): Promise<number[]> {
  const versions = await unpublishedCatalogVersions(transaction);
  if (versions.length === 0) return [];
  await outbox.appendAll(
    transaction,
    versions.map((row) => catalogPublishedEvent(row, intakeCatalogOf(row.document), now)),
  );
  await markCatalogVersionsPublished(
    transaction,
    versions.map((row) => row.version),
    now,
  );
  return versions.map((row) => row.version);
}
