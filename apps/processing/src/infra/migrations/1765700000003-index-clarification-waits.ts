import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The few assignments waiting for a requester, found without reading the others. */
export class IndexClarificationWaits1765700000003 implements MigrationInterface {
  name = 'IndexClarificationWaits1765700000003';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX assignments_awaiting_clarification ON processing.assignments (id) WHERE status = 'awaiting-clarification'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX processing.assignments_awaiting_clarification`);
  }
}
