import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createParkedOutboxAndClaimSql, dropParkedOutboxAndClaimSql } from './outbox.schema';

/** The same migration for every service schema, listed after the service's first one. */
export function parkedOutboxMigration(schema: string): new () => MigrationInterface {
  return class ParkUnpublishableEvents1764400000000 implements MigrationInterface {
    name = 'ParkUnpublishableEvents1764400000000';

    async up(runner: QueryRunner): Promise<void> {
      for (const sql of createParkedOutboxAndClaimSql(schema)) await runner.query(sql);
    }

    async down(runner: QueryRunner): Promise<void> {
      for (const sql of dropParkedOutboxAndClaimSql(schema)) await runner.query(sql);
    }
  };
}
