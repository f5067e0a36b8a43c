import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts the nine KPI rates need, kept on each assignment's row so that a KPI query reads that row alone: the
 * department's administrative level, the redos, the latest rating and the follow-up call (回访). Rows made before
 * this migration get them from the evaluations, follow-ups and timeline recorded so far; their level stays unknown
 * (case-assigned did not carry it).
 */
export class KpiFactsForEveryRate1766300000000 implements MigrationInterface {
  name = 'KpiFactsForEveryRate1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE supervision.assignment_facts
      ADD COLUMN department_level text,
      ADD COLUMN redo_count integer NOT NULL DEFAULT 0,
      ADD COLUMN rating smallint,
      ADD COLUMN rated_at timestamptz,
      ADD COLUMN follow_up_due_on date,
      ADD COLUMN followed_up_at timestamptz`);
    await runner.query(`CREATE INDEX IF NOT EXISTS follow_ups_by_assignment ON supervision.follow_ups (assignment_id)`);
    await runner.query(`UPDATE supervision.assignment_facts f SET rating = e.rating, rated_at = e.evaluated_at
      FROM (SELECT DISTINCT ON (assignment_id) assignment_id, rating, evaluated_at FROM supervision.evaluations
             ORDER BY assignment_id, evaluated_at DESC, evaluation_id DESC) e
      WHERE f.assignment_id = e.assignment_id`);
    await runner.query(`UPDATE supervision.assignment_facts f SET follow_up_due_on = u.due_on, followed_up_at = u.recorded_at
      FROM (SELECT assignment_id, min(due_on) AS due_on, min(recorded_at) AS recorded_at FROM supervision.follow_ups
             GROUP BY assignment_id) u
      WHERE f.assignment_id = u.assignment_id`);
    await runner.query(`UPDATE supervision.assignment_facts f SET redo_count = r.redos
      FROM (SELECT details->>'assignmentId' AS assignment_id, count(*)::int AS redos FROM supervision.timeline_entries
             WHERE event_type = 'ugov.processing.redo-ordered.v1' GROUP BY 1) r
      WHERE f.assignment_id = r.assignment_id`);
    // The KPI query reads a period's rows from this index alone (an index-only scan once vacuumed), now with every
    // column a rate or a grouping needs.
    await runner.query(`DROP INDEX supervision.assignment_facts_for_kpis`);
    await runner.query(`CREATE INDEX assignment_facts_for_kpis ON supervision.assignment_facts (assigned_at)
      INCLUDE (department_code, department_name, department_level, region_code, category_code, signed_at, signed_on_time,
               replied_at, replied_on_time, outcome, returned_at, deadline, redo_count, rating, follow_up_due_on, followed_up_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX supervision.assignment_facts_for_kpis`);
    await runner.query(`DROP INDEX supervision.follow_ups_by_assignment`);
    await runner.query(`ALTER TABLE supervision.assignment_facts DROP COLUMN department_level, DROP COLUMN redo_count,
      DROP COLUMN rating, DROP COLUMN rated_at, DROP COLUMN follow_up_due_on, DROP COLUMN followed_up_at`);
    await runner.query(`CREATE INDEX assignment_facts_for_kpis ON supervision.assignment_facts (assigned_at)
      INCLUDE (department_code, department_name, region_code, signed_on_time, replied_on_time, replied_at, returned_at, deadline)`);
  }
}
