import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The KPI facts read each assignment's earliest follow-up due date, min(due_on) of its follow-ups. With an index on
 * the assignment alone, PostgreSQL answered that min by walking follow_ups_by_due from the earliest date and
 * filtering by assignment: about 40,000 rows read per assignment once a generated month had 70,000 follow-ups, and
 * seconds per batch. With the due date beside the assignment, the min is the first entry under the assignment.
 */
export class FollowUpsByAssignmentAndDue1766420000000 implements MigrationInterface {
  name = 'FollowUpsByAssignmentAndDue1766420000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX supervision.follow_ups_by_assignment`);
    await runner.query(`CREATE INDEX follow_ups_by_assignment ON supervision.follow_ups (assignment_id, due_on)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX supervision.follow_ups_by_assignment`);
    await runner.query(`CREATE INDEX follow_ups_by_assignment ON supervision.follow_ups (assignment_id)`);
  }
}
