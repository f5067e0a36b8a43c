import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the public search filters replies by beyond their department: the case's domain (its category code, as intake
 * accepted it: `urban.02.04`, whose domain is `urban`) and its region (GB/T 2260), both from case-submitted, kept for
 * every case (with its confidentiality, in submitted_cases) and copied onto a reply when it is published.
 */
export class SearchByDomainAndRegion1766320000000 implements MigrationInterface {
  name = 'SearchByDomainAndRegion1766320000000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per submitted case: its confidentiality, and now its category and region (one row, not two, per case).
    await runner.query(`ALTER TABLE publication.case_confidentiality RENAME TO submitted_cases`);
    await runner.query(`ALTER TABLE publication.submitted_cases ADD COLUMN category_code text, ADD COLUMN region_code text`);
    await runner.query(`ALTER TABLE publication.published_replies ADD COLUMN category_code text, ADD COLUMN region_code text`);
    // text_pattern_ops: a domain (`urban`) or a region (`4301`) is a prefix of the codes it holds.
    await runner.query(`CREATE INDEX published_replies_by_category ON publication.published_replies
      (category_code text_pattern_ops, published_at DESC) WHERE category_code IS NOT NULL`);
    await runner.query(`CREATE INDEX published_replies_by_region ON publication.published_replies
      (region_code text_pattern_ops, published_at DESC) WHERE region_code IS NOT NULL`);
    await runner.query(`CREATE INDEX information_items_by_time ON publication.information_items (published_at DESC, id)
      WHERE published_at IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX publication.information_items_by_time`);
    await runner.query(`ALTER TABLE publication.published_replies DROP COLUMN region_code, DROP COLUMN category_code`);
    await runner.query(`ALTER TABLE publication.submitted_cases DROP COLUMN region_code, DROP COLUMN category_code`);
    await runner.query(`ALTER TABLE publication.submitted_cases RENAME TO case_confidentiality`);
  }
}
