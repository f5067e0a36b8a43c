import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a requester does after submitting (self-service): supplements (补充), the withdrawal (撤回), evaluations of
 * replies (好差评) and redo requests (重办), each evaluation and redo request naming the reply it is about; the
 * Idempotency-Keys of those requests with their answers. An assignment may reply again after a redo: a reply is
 * now one assignment's reply at one time.
 */
export class RequesterSelfService1766200000000 implements MigrationInterface {
  name = 'RequesterSelfService1766200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.case_replies DROP CONSTRAINT case_replies_pkey, ADD PRIMARY KEY (assignment_id, replied_at)`);
    await runner.query(`CREATE TABLE intake.case_supplements (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES intake.cases (id),
      text text NOT NULL,
      attachments jsonb NOT NULL,
      supplemented_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX case_supplements_case ON intake.case_supplements (case_id, supplemented_at)`);
    await runner.query(`CREATE TABLE intake.case_withdrawals (
      case_id uuid PRIMARY KEY REFERENCES intake.cases (id),
      reason text NOT NULL,
      withdrawn_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE TABLE intake.case_evaluations (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES intake.cases (id),
      assignment_id uuid NOT NULL,
      department_code text NOT NULL,
      replied_at timestamptz NOT NULL,
      rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
      comment text,
      re_rating boolean NOT NULL,
      evaluated_at timestamptz NOT NULL,
      UNIQUE (case_id, assignment_id, replied_at)
    )`);
    await runner.query(`CREATE TABLE intake.case_redo_requests (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL REFERENCES intake.cases (id),
      assignment_id uuid NOT NULL,
      department_code text NOT NULL,
      replied_at timestamptz NOT NULL,
      reason text NOT NULL,
      request_count int NOT NULL,
      requested_at timestamptz NOT NULL,
      UNIQUE (case_id, assignment_id, replied_at)
    )`);
    await runner.query(`CREATE TABLE intake.requester_action_keys (
      case_id uuid NOT NULL REFERENCES intake.cases (id),
      action text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (case_id, action, key)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.requester_action_keys, intake.case_redo_requests, intake.case_evaluations,
                                   intake.case_withdrawals, intake.case_supplements`);
    await runner.query(`ALTER TABLE intake.case_replies DROP CONSTRAINT case_replies_pkey, ADD PRIMARY KEY (assignment_id)`);
  }
}
