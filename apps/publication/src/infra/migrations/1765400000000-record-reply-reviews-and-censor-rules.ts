import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordReplyReviewsAndCensorRules1765400000000 implements MigrationInterface {
  name = 'RecordReplyReviewsAndCensorRules1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE publication.reply_reviews (
      id uuid PRIMARY KEY,
      case_id uuid NOT NULL,
      assignment_id uuid NOT NULL UNIQUE,
      department_code text NOT NULL,
      tracking_number text NOT NULL,
      reply_text text NOT NULL,
      redacted_text text NOT NULL,
      withheld jsonb NOT NULL,
      disclosure text NOT NULL CHECK (disclosure IN ('主动公开', '依申请公开', '不予公开')),
      disclosure_reason text,
      visibility text NOT NULL CHECK (visibility IN ('public', 'requester-only', 'internal', 'hidden')),
      review_status text NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK ((disclosure = '不予公开') = (disclosure_reason IS NOT NULL))
    )`);
    await runner.query(`CREATE INDEX reply_reviews_by_case ON publication.reply_reviews (case_id)`);
    await runner.query(`CREATE TABLE publication.censor_rules (
      id uuid PRIMARY KEY,
      scope text NOT NULL CHECK (scope IN ('case', 'department', 'site')),
      scope_key text,
      kind text NOT NULL CHECK (kind IN ('literal', 'pattern')),
      text text NOT NULL,
      reason text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      CHECK ((scope = 'site') = (scope_key IS NULL))
    )`);
    await runner.query(`CREATE INDEX censor_rules_by_scope ON publication.censor_rules (scope, scope_key)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE publication.censor_rules`);
    await runner.query(`DROP TABLE publication.reply_reviews`);
  }
}
