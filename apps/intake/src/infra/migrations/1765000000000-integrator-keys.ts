import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Integrators and their API keys. A key is kept only as the SHA-256 of its secret; a rotated key keeps
 * working until `expires_at` (the overlap window), a revoked one stops at once.
 */
export class IntegratorKeys1765000000000 implements MigrationInterface {
  name = 'IntegratorKeys1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.integrators (
        name        text PRIMARY KEY,
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  text NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE intake.integrator_keys (
        id                     text PRIMARY KEY,
        integrator             text NOT NULL REFERENCES intake.integrators (name),
        secret_sha256          bytea NOT NULL,
        channels               text[] NOT NULL,
        operations             text[] NOT NULL,
        rate_limit_per_minute  integer NOT NULL CHECK (rate_limit_per_minute > 0),
        created_at             timestamptz NOT NULL DEFAULT now(),
        created_by             text NOT NULL,
        expires_at             timestamptz,
        replaced_by            text REFERENCES intake.integrator_keys (id),
        revoked_at             timestamptz,
        revoked_by             text
      )`);
    await runner.query(`CREATE INDEX integrator_keys_by_integrator ON intake.integrator_keys (integrator)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.integrator_keys`);
    await runner.query(`DROP TABLE intake.integrators`);
  }
}
