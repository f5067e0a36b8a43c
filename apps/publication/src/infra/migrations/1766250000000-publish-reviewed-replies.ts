import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reviewer's decision on each reply, what is known of each case's confidentiality, and the published replies with their search index. */
export class PublishReviewedReplies1766250000000 implements MigrationInterface {
  name = 'PublishReviewedReplies1766250000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE publication.reply_reviews
      ADD COLUMN decided_text text,
      ADD COLUMN decided_by text,
      ADD COLUMN decided_at timestamptz,
      ADD CONSTRAINT reply_reviews_status CHECK (review_status IN ('awaiting-review', 'approved', 'rejected', 'withheld'))`);
    // 保密: a row for every case intake accepted; a reply is made public only for a case known not to be confidential.
    await runner.query(`CREATE TABLE publication.case_confidentiality (
      case_id uuid PRIMARY KEY,
      confidential boolean NOT NULL
    )`);
    // Only what a reviewer approved as public: the redacted text, never the reply as written.
    await runner.query(`CREATE TABLE publication.published_replies (
      id uuid PRIMARY KEY REFERENCES publication.reply_reviews (id),
      case_id uuid NOT NULL,
      department_code text NOT NULL,
      text text NOT NULL,
      withheld jsonb NOT NULL,
      published_at timestamptz NOT NULL,
      search_text text NOT NULL,
      search_tokens tsvector NOT NULL
    )`);
    await runner.query(`CREATE INDEX published_replies_search ON publication.published_replies USING gin (search_tokens)`);
    await runner.query(`CREATE INDEX published_replies_by_time ON publication.published_replies (published_at DESC, id)`);
    await runner.query(
      `CREATE INDEX published_replies_by_department ON publication.published_replies (department_code, published_at DESC)`,
    );
    await runner.query(`CREATE INDEX published_replies_by_case ON publication.published_replies (case_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE publication.published_replies`);
    await runner.query(`DROP TABLE publication.case_confidentiality`);
    await runner.query(`ALTER TABLE publication.reply_reviews DROP CONSTRAINT reply_reviews_status,
      DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN decided_text`);
  }
}
