import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClockDeadlinesEvaluationsFollowUps1766220000000 implements MigrationInterface {
  name = 'ClockDeadlinesEvaluationsFollowUps1766220000000';

  async up(runner: QueryRunner): Promise<void> {
    // An approved extension or a redo sets a cycle's due time (the deadline it grants) instead of adding to the limit.
    await runner.query(`ALTER TABLE supervision.sla_clocks
      ADD COLUMN deadline_set_at timestamptz, ADD COLUMN deadline_until timestamptz, DROP COLUMN extended_by`);
    // 好差评 as intake reports them: the rating, never the requester's comment (it stays with intake).
    await runner.query(`CREATE TABLE supervision.evaluations (
      evaluation_id text PRIMARY KEY,
      event_id text NOT NULL UNIQUE,
      case_id uuid NOT NULL,
      assignment_id text NOT NULL,
      department_code text NOT NULL,
      rating smallint NOT NULL,
      bad boolean NOT NULL,
      re_rating boolean NOT NULL,
      rectification_cycle integer,
      evaluated_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX evaluations_by_department ON supervision.evaluations (department_code, evaluated_at DESC)`);
    await runner.query(`CREATE INDEX evaluations_by_time ON supervision.evaluations (evaluated_at DESC)`);
    // 回访: one per reply (closure), due the working day after it; recorded by a supervisor.
    await runner.query(`CREATE TABLE supervision.follow_ups (
      follow_up_id uuid PRIMARY KEY,
      reply_event_id text NOT NULL UNIQUE,
      case_id uuid NOT NULL,
      assignment_id text NOT NULL,
      department_code text NOT NULL,
      closed_at timestamptz NOT NULL,
      closes_rectification boolean NOT NULL,
      due_on date NOT NULL,
      recorded_at timestamptz,
      recorded_by text,
      reached boolean,
      satisfied boolean,
      note text
    )`);
    await runner.query(`CREATE INDEX follow_ups_by_due ON supervision.follow_ups (due_on, case_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE supervision.follow_ups`);
    await runner.query(`DROP TABLE supervision.evaluations`);
    await runner.query(`ALTER TABLE supervision.sla_clocks
      DROP COLUMN deadline_set_at, DROP COLUMN deadline_until, ADD COLUMN extended_by double precision NOT NULL DEFAULT 0`);
  }
}
