import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxSql, dropOutboxAndInboxSql } from '@ugov/messaging';

export class CreatePublicationSchema1763800000000 implements MigrationInterface {
  name = 'CreatePublicationSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of createOutboxAndInboxSql('publication')) await runner.query(sql);
    await runner.query(`CREATE TABLE publication.deliveries (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      assignment_id uuid NOT NULL UNIQUE,
      channel text NOT NULL,
      tracking_number text NOT NULL,
      message text NOT NULL,
      status text NOT NULL,
      delivered_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX deliveries_by_case ON publication.deliveries (case_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE publication.deliveries`);
    for (const sql of dropOutboxAndInboxSql('publication')) await runner.query(sql);
  }
}
