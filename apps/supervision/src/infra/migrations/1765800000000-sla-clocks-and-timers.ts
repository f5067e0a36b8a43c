import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaClocksAndTimers1765800000000 implements MigrationInterface {
  name = 'SlaClocksAndTimers1765800000000';

  async up(runner: QueryRunner): Promise<void> {
    // Every definitions document a replica has run with, so a clock's version can always be read back.
    await runner.query(`CREATE TABLE supervision.sla_definition_versions (
      version integer NOT NULL,
      digest text NOT NULL,
      document jsonb NOT NULL,
      first_loaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (version, digest)
    )`);
    // One row per cycle of a clock. started_at … end are the facts the events gave; the rest is derived from
    // them on the definitions and calendar in force, and rewritten by npm run sla:recalculate.
    await runner.query(`CREATE TABLE supervision.sla_clocks (
      case_id uuid NOT NULL,
      assignment_id text NOT NULL,
      hop text NOT NULL,
      cycle integer NOT NULL,
      case_type text NOT NULL,
      urgency text NOT NULL,
      category_code text NOT NULL,
      department_code text NOT NULL,
      started_at timestamptz NOT NULL,
      pauses jsonb NOT NULL,
      paused_since timestamptz,
      extended_by double precision NOT NULL,
      ended_at timestamptz,
      "end" text CHECK ("end" IN ('stopped', 'reset')),
      definition_id text NOT NULL,
      definitions_version integer NOT NULL,
      definitions_digest text NOT NULL,
      state text NOT NULL CHECK (state IN ('running', 'paused', 'stopped', 'reset')),
      due_at timestamptz NOT NULL,
      breached_at_end boolean,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, assignment_id, hop, cycle)
    )`);
    await runner.query(`CREATE INDEX sla_clocks_open_by_due ON supervision.sla_clocks (due_at) WHERE ended_at IS NULL`);
    await runner.query(
      `CREATE INDEX sla_clocks_open_by_department ON supervision.sla_clocks (department_code, due_at) WHERE ended_at IS NULL`,
    );
    // Durable timers: one row per clock cycle and threshold, fired once (fired_at set in the claiming transaction).
    await runner.query(`CREATE TABLE supervision.sla_timers (
      case_id uuid NOT NULL,
      assignment_id text NOT NULL,
      hop text NOT NULL,
      cycle integer NOT NULL,
      threshold text NOT NULL,
      fire_at timestamptz NOT NULL,
      fired_at timestamptz,
      PRIMARY KEY (case_id, assignment_id, hop, cycle, threshold)
    )`);
    await runner.query(`CREATE INDEX sla_timers_due ON supervision.sla_timers (fire_at) WHERE fired_at IS NULL`);
    // What the timers said: warnings, with the order (督办) deadline on red and the escalation target.
    await runner.query(`CREATE TABLE supervision.sla_warnings (
      warning_id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      assignment_id text NOT NULL,
      hop text NOT NULL,
      cycle integer NOT NULL,
      threshold text NOT NULL,
      level text NOT NULL CHECK (level IN ('yellow', 'red', 'escalation')),
      department_code text NOT NULL,
      due_at timestamptz NOT NULL,
      scheduled_at timestamptz NOT NULL,
      fired_at timestamptz NOT NULL,
      order_due_at timestamptz,
      escalated_to text,
      UNIQUE (case_id, assignment_id, hop, cycle, threshold)
    )`);
    await runner.query(`CREATE INDEX sla_warnings_newest_first ON supervision.sla_warnings (fired_at DESC)`);
    await runner.query(`CREATE INDEX sla_warnings_by_department ON supervision.sla_warnings (department_code, fired_at DESC)`);
    // Every recalculation, with what it ran on and what it changed.
    await runner.query(`CREATE TABLE supervision.sla_recalculations (
      recalculation_id bigserial PRIMARY KEY,
      started_at timestamptz NOT NULL,
      finished_at timestamptz NOT NULL,
      reason text NOT NULL,
      definitions_version integer NOT NULL,
      definitions_digest text NOT NULL,
      events_replayed integer NOT NULL,
      clocks_recalculated integer NOT NULL,
      clocks_changed integer NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['sla_recalculations', 'sla_warnings', 'sla_timers', 'sla_clocks', 'sla_definition_versions'])
      await runner.query(`DROP TABLE supervision.${table}`);
  }
}
