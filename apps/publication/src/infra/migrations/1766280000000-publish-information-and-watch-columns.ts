import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Government information (政府信息) that departments write into the site's columns (栏目), reviewed before anything is
 * public, with its search index; and the public messages (网上留言) the site must answer, for the census (普查).
 */
export class PublishInformationAndWatchColumns1766280000000 implements MigrationInterface {
  name = 'PublishInformationAndWatchColumns1766280000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE publication.information_items (
      id uuid PRIMARY KEY,
      column_code text NOT NULL,
      department_code text NOT NULL,
      title text NOT NULL,
      redacted_text text NOT NULL,
      withheld jsonb NOT NULL,
      submitted_by text NOT NULL,
      submitted_at timestamptz NOT NULL,
      review_status text NOT NULL CHECK (review_status IN ('awaiting-review', 'approved', 'rejected', 'withheld')),
      disclosure text,
      disclosure_reason text,
      visibility text,
      decided_text text,
      decided_by text,
      decided_at timestamptz,
      published_at timestamptz,
      search_text text,
      search_tokens tsvector,
      CHECK ((published_at IS NULL) = (search_tokens IS NULL))
    )`);
    await runner.query(`CREATE INDEX information_items_search ON publication.information_items USING gin (search_tokens)
      WHERE published_at IS NOT NULL`);
    await runner.query(`CREATE INDEX information_items_published ON publication.information_items (column_code, published_at DESC)
      WHERE published_at IS NOT NULL`);
    await runner.query(`CREATE INDEX information_items_awaiting_review ON publication.information_items (submitted_at)
      WHERE review_status = 'awaiting-review'`);
    // Messages the public left on the site (web portal, app, WeChat, Open311) and when they were first answered.
    await runner.query(`CREATE TABLE publication.public_messages (
      case_id uuid PRIMARY KEY,
      channel text NOT NULL,
      submitted_at timestamptz NOT NULL,
      answered_at timestamptz
    )`);
    await runner.query(`CREATE INDEX public_messages_unanswered ON publication.public_messages (submitted_at) WHERE answered_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE publication.public_messages`);
    await runner.query(`DROP TABLE publication.information_items`);
  }
}
