import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The commands departments sent over Kafka, by their own ids: one sent twice is executed once. */
export class RecordDepartmentCommands1765700000001 implements MigrationInterface {
  name = 'RecordDepartmentCommands1765700000001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE processing.department_commands (
      department_code text NOT NULL,
      command_id text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (department_code, command_id)
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE processing.department_commands`);
  }
}
