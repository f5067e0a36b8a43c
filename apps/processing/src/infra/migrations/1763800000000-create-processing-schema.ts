import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxSql, dropOutboxAndInboxSql } from '@ugov/messaging';

export class CreateProcessingSchema1763800000000 implements MigrationInterface {
  name = 'CreateProcessingSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of createOutboxAndInboxSql('processing')) await runner.query(sql);
    await runner.query(`CREATE TABLE processing.assignments (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      department_code text NOT NULL,
      department_name text NOT NULL,
      category_code text NOT NULL,
      case_type text NOT NULL,
      channel text NOT NULL,
      tracking_number text NOT NULL,
      description text NOT NULL,
      region_code text NOT NULL,
      deadline timestamptz NOT NULL,
      status text NOT NULL CHECK (status IN ('assigned', 'signed', 'replied')),
      assigned_at timestamptz NOT NULL,
      signed_at timestamptz,
      replied_at timestamptz,
      reply_text text,
      outcome text,
      outcome_reason text,
      correlation_id text NOT NULL
    )`);
    await runner.query(
      `CREATE INDEX assignments_open_by_department ON processing.assignments (department_code, deadline) WHERE status <> 'replied'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE processing.assignments`);
    for (const sql of dropOutboxAndInboxSql('processing')) await runner.query(sql);
  }
}
