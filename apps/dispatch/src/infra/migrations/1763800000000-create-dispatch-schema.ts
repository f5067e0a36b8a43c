import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxSql, dropOutboxAndInboxSql } from '@ugov/messaging';

export class CreateDispatchSchema1763800000000 implements MigrationInterface {
  name = 'CreateDispatchSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of createOutboxAndInboxSql('dispatch')) await runner.query(sql);
    // The primary key on case_id is what makes "one assignment per case" hold even if intake sent twice.
    await runner.query(`CREATE TABLE dispatch.decisions (
      case_id uuid PRIMARY KEY,
      outcome text NOT NULL CHECK (outcome IN ('assigned', 'triage')),
      assignment_id uuid UNIQUE,
      department_code text,
      category_code text,
      routing_basis text,
      deadline timestamptz,
      triage_reason text,
      decided_at timestamptz NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE dispatch.decisions`);
    for (const sql of dropOutboxAndInboxSql('dispatch')) await runner.query(sql);
  }
}
