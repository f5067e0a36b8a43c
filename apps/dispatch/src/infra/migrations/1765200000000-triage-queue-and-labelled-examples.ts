import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The human triage queue (人工分拨) and the labelled examples its decisions leave behind, plus the classifier's
 * prediction and model version on every decision.
 */
export class TriageQueueAndLabelledExamples1765200000000 implements MigrationInterface {
  name = 'TriageQueueAndLabelledExamples1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatch.decisions
      ADD COLUMN classifier_version text,
      ADD COLUMN predicted_domain text,
      ADD COLUMN confidence real`);
    // What a dispatcher needs to read the case and what the case-assigned event needs once it is routed.
    await runner.query(`CREATE TABLE dispatch.triage_cases (
      case_id uuid PRIMARY KEY REFERENCES dispatch.decisions (case_id),
      status text NOT NULL CHECK (status IN ('waiting', 'claimed', 'routed')),
      reason text NOT NULL,
      tracking_number text NOT NULL,
      description text NOT NULL,
      region_code text NOT NULL,
      case_type integer NOT NULL,
      channel integer NOT NULL,
      accepted_at timestamptz NOT NULL,
      correlation_id text NOT NULL,
      predicted_domain text,
      confidence real,
      classifier_version text,
      triaged_at timestamptz NOT NULL,
      claimed_by text,
      claimed_at timestamptz,
      routed_at timestamptz,
      routing_reason text,
      department_code text,
      category_code text,
      assignment_id uuid UNIQUE
    )`);
    await runner.query(`CREATE INDEX triage_cases_open ON dispatch.triage_cases (triaged_at) WHERE status <> 'routed'`);
    await runner.query(`CREATE TABLE dispatch.labelled_examples (
      id bigserial PRIMARY KEY,
      case_id uuid NOT NULL,
      source text NOT NULL CHECK (source IN ('triage', 'return')),
      text text NOT NULL,
      domain text NOT NULL,
      category_code text NOT NULL,
      predicted_domain text,
      classifier_version text,
      decided_by text NOT NULL,
      recorded_at timestamptz NOT NULL,
      UNIQUE (case_id, source)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE dispatch.labelled_examples`);
    await runner.query(`DROP TABLE dispatch.triage_cases`);
    await runner.query(
      `ALTER TABLE dispatch.decisions DROP COLUMN classifier_version, DROP COLUMN predicted_domain, DROP COLUMN confidence`,
    );
  }
}
