import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Intake takes tracking numbers in blocks (TrackingNumberAllocator): one sequence call per 100 cases. */
export class TrackingNumberBlocks1763800000001 implements MigrationInterface {
  name = 'TrackingNumberBlocks1763800000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER SEQUENCE intake.tracking_number_seq INCREMENT BY 100`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER SEQUENCE intake.tracking_number_seq INCREMENT BY 1`);
  }
}
