import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the KPIs and anomaly rules read: one row of facts per assignment, kept up to date from the events in the
 * transaction that records them on the timeline, and the anomalies found, once per kind and subject.
 */
export class CaseFiguresAndAnomalies1766230000000 implements MigrationInterface {
  name = 'CaseFiguresAndAnomalies1766230000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE supervision.assignment_facts (
      assignment_id text PRIMARY KEY,
      case_id uuid NOT NULL,
      -- Null until the assignment itself arrives: its sign-off, reply or return, on other topics, may come first.
      department_code text,
      department_name text,
      region_code text,
      category_code text,
      case_type text,
      reassigned boolean NOT NULL DEFAULT false,
      assigned_at timestamptz,
      deadline timestamptz,
      signed_at timestamptz,
      signed_on_time boolean,
      replied_at timestamptz,
      replied_on_time boolean,
      outcome text,
      returned_at timestamptz,
      last_event_at timestamptz NOT NULL
    )`);
    // The KPI query reads a period's rows from this index alone (an index-only scan once vacuumed).
    await runner.query(`CREATE INDEX assignment_facts_for_kpis ON supervision.assignment_facts (assigned_at)
      INCLUDE (department_code, department_name, region_code, signed_on_time, replied_on_time, replied_at, returned_at, deadline)`);
    await runner.query(`CREATE INDEX assignment_facts_by_case ON supervision.assignment_facts (case_id)`);
    await runner.query(`CREATE INDEX assignment_facts_by_department ON supervision.assignment_facts (department_code, assigned_at)`);
    await runner.query(`CREATE INDEX assignment_facts_open_by_activity ON supervision.assignment_facts (last_event_at)
      WHERE replied_at IS NULL AND returned_at IS NULL`);
    // Replies waiting for the off-system check, made a grace period later so that the sign-off, sent on another
    // topic, has arrived.
    await runner.query(`CREATE TABLE supervision.reply_checks (
      assignment_id text PRIMARY KEY,
      case_id uuid NOT NULL,
      department_code text NOT NULL,
      replied_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX reply_checks_oldest_first ON supervision.reply_checks (recorded_at)`);
    // subject: the case, or department:day for a department's return rate; one anomaly per kind and subject.
    await runner.query(`CREATE TABLE supervision.anomalies (
      anomaly_id uuid PRIMARY KEY,
      kind text NOT NULL,
      subject text NOT NULL,
      reason text NOT NULL,
      case_id uuid,
      department_code text,
      details jsonb NOT NULL,
      detected_at timestamptz NOT NULL,
      UNIQUE (kind, subject)
    )`);
    await runner.query(`CREATE INDEX anomalies_newest_first ON supervision.anomalies (detected_at DESC)`);
    await runner.query(`CREATE INDEX anomalies_by_department ON supervision.anomalies (department_code, detected_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['anomalies', 'reply_checks', 'assignment_facts']) await runner.query(`DROP TABLE supervision.${table}`);
  }
}
