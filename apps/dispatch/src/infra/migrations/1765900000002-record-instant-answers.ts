import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Consultations closed at once by the knowledge base (即办): which entry answered, how confidently, when. */
export class RecordInstantAnswers1765900000002 implements MigrationInterface {
  name = 'RecordInstantAnswers1765900000002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dispatch.instant_answers (
      case_id uuid PRIMARY KEY REFERENCES dispatch.case_files (case_id),
      answer_id uuid NOT NULL UNIQUE,
      entry_code text NOT NULL,
      category_code text NOT NULL,
      confidence double precision NOT NULL,
      catalog_version integer NOT NULL REFERENCES dispatch.catalog_versions (version),
      answered_at timestamptz NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE dispatch.instant_answers`);
  }
}
