import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the new request types and channels carry: urgency, confidentiality (保密), attachments, the channel's and the type's own details. */
export class CaseTypesChannelsUrgency1765600000000 implements MigrationInterface {
  name = 'CaseTypesChannelsUrgency1765600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases
      ADD COLUMN urgency text NOT NULL DEFAULT 'normal',
      ADD COLUMN confidential boolean NOT NULL DEFAULT false,
      ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN channel_details jsonb,
      ADD COLUMN type_details jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases
      DROP COLUMN type_details, DROP COLUMN channel_details, DROP COLUMN attachments, DROP COLUMN confidential, DROP COLUMN urgency`);
  }
}
