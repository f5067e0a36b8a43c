import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createOutboxAndInboxSql, dropOutboxAndInboxSql } from '@ugov/messaging';

export class CreateSupervisionSchema1763800000000 implements MigrationInterface {
  name = 'CreateSupervisionSchema1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of createOutboxAndInboxSql('supervision')) await runner.query(sql);
    await runner.query(`CREATE TABLE supervision.timeline_entries (
      event_id text PRIMARY KEY,
      case_id uuid NOT NULL,
      event_type text NOT NULL,
      service text NOT NULL,
      source text NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL,
      correlation_id text NOT NULL,
      causation_id text,
      details jsonb NOT NULL
    )`);
    await runner.query(`CREATE INDEX timeline_entries_by_case ON supervision.timeline_entries (case_id, occurred_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE supervision.timeline_entries`);
    for (const sql of dropOutboxAndInboxSql('supervision')) await runner.query(sql);
  }
}
