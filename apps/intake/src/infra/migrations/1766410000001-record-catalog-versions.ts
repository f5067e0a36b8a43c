import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatch catalog versions intake heard of (dispatch.catalog-published.v1): what Open311 serves and service
 * applications are checked against, each version in force from its effective time.
 */
export class RecordCatalogVersions1766410000001 implements MigrationInterface {
  name = 'RecordCatalogVersions1766410000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE intake.catalog_versions (
      version integer PRIMARY KEY CHECK (version > 0),
      effective_from timestamptz NOT NULL,
      open311_services jsonb NOT NULL,
      service_items jsonb NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.catalog_versions`);
  }
}
