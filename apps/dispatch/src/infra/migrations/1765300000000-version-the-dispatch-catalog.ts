import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Catalog versions with their effective time, and one row per department a case was given to. */
export class VersionTheDispatchCatalog1765300000000 implements MigrationInterface {
  name = 'VersionTheDispatchCatalog1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dispatch.catalog_versions (
      version integer PRIMARY KEY CHECK (version > 0),
      effective_from timestamptz NOT NULL,
      document jsonb NOT NULL,
      source text NOT NULL,
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE TABLE dispatch.assignments (
      assignment_id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES dispatch.decisions (case_id),
      department_code text NOT NULL,
      role text NOT NULL CHECK (role IN ('lead', 'co', 'copy'))
    )`);
    await runner.query(`CREATE INDEX assignments_by_case ON dispatch.assignments (case_id)`);
    await runner.query(`ALTER TABLE dispatch.decisions
      ADD COLUMN catalog_version integer REFERENCES dispatch.catalog_versions (version),
      ADD COLUMN handling_mode text CHECK (handling_mode IN ('single', 'separately', 'lead-co')),
      ADD COLUMN region_code text,
      ADD COLUMN jurisdiction_basis text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatch.decisions
      DROP COLUMN catalog_version, DROP COLUMN handling_mode, DROP COLUMN region_code, DROP COLUMN jurisdiction_basis`);
    await runner.query(`DROP TABLE dispatch.assignments`);
    await runner.query(`DROP TABLE dispatch.catalog_versions`);
  }
}
