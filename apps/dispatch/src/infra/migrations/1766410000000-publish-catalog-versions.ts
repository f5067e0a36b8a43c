import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each catalog version was put in the outbox as dispatch.catalog-published.v1: null until then, so that every
 * version (those stored before this migration too) is published exactly once.
 */
export class PublishCatalogVersions1766410000000 implements MigrationInterface {
  name = 'PublishCatalogVersions1766410000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatch.catalog_versions ADD COLUMN published_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatch.catalog_versions DROP COLUMN published_at`);
  }
}
