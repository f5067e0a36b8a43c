import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The KPIs read each assignment's latest rating (满意率): evaluations by assignment, newest first. */
export class EvaluationsByAssignment1766290000000 implements MigrationInterface {
  name = 'EvaluationsByAssignment1766290000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX evaluations_by_assignment ON supervision.evaluations (assignment_id, evaluated_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX supervision.evaluations_by_assignment`);
  }
}
