import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxSql, dropOutboxAndInboxSql } from '@ugov/messaging';

export class CreateIntakeSchema1763800000000 implements MigrationInterface {
  name = 'CreateIntakeSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of createOutboxAndInboxSql('intake')) await runner.query(sql);
    await runner.query(`CREATE SEQUENCE intake.tracking_number_seq`);
    await runner.query(`CREATE TABLE intake.cases (
      id uuid PRIMARY KEY,
      tracking_number text NOT NULL UNIQUE,
      type text NOT NULL,
      channel text NOT NULL,
      description text NOT NULL,
      category_code text,
      region_code text,
      lat double precision,
      long double precision,
      address text,
      requester_name text NOT NULL,
      requester_phone text NOT NULL,
      submitted_by text NOT NULL,
      correlation_id text NOT NULL,
      status text NOT NULL,
      submitted_at timestamptz NOT NULL DEFAULT now()
    )`);
    // A retried request with the same key finds the case made the first time.
    await runner.query(`CREATE TABLE intake.idempotency_keys (
      client text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      case_id uuid NOT NULL REFERENCES intake.cases (id) DEFERRABLE INITIALLY DEFERRED,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (client, key)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.idempotency_keys`);
    await runner.query(`DROP TABLE intake.cases`);
    await runner.query(`DROP SEQUENCE intake.tracking_number_seq`);
    for (const sql of dropOutboxAndInboxSql('intake')) await runner.query(sql);
  }
}
