import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One timer row per running clock cycle instead of one per threshold: the thresholds still to fire are kept in
 * `pending` (ordered by time) and `fire_at` is the earliest of them. A case's two clocks took eight timer rows,
 * each with two index entries, on the case's path; now they take two. What fired is in sla_warnings, as before.
 */
export class OneTimerRowPerClock1766330000000 implements MigrationInterface {
  name = 'OneTimerRowPerClock1766330000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE supervision.sla_clock_timers (
      case_id uuid NOT NULL,
      assignment_id text NOT NULL,
      hop text NOT NULL,
      cycle integer NOT NULL,
      fire_at timestamptz NOT NULL,
      pending jsonb NOT NULL,
      PRIMARY KEY (case_id, assignment_id, hop, cycle)
    )`);
    await runner.query(`INSERT INTO supervision.sla_clock_timers (case_id, assignment_id, hop, cycle, fire_at, pending)
      SELECT case_id, assignment_id, hop, cycle, min(fire_at),
             jsonb_agg(jsonb_build_object('threshold', threshold, 'fireAt', fire_at) ORDER BY fire_at, threshold)
        FROM supervision.sla_timers WHERE fired_at IS NULL GROUP BY case_id, assignment_id, hop, cycle`);
    await runner.query(`DROP TABLE supervision.sla_timers`);
    await runner.query(`CREATE INDEX sla_clock_timers_due ON supervision.sla_clock_timers (fire_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE supervision.sla_timers (
      case_id uuid NOT NULL,
      assignment_id text NOT NULL,
      hop text NOT NULL,
      cycle integer NOT NULL,
      threshold text NOT NULL,
      fire_at timestamptz NOT NULL,
      fired_at timestamptz,
      PRIMARY KEY (case_id, assignment_id, hop, cycle, threshold)
    )`);
    await runner.query(`CREATE INDEX sla_timers_due ON supervision.sla_timers (fire_at) WHERE fired_at IS NULL`);
    await runner.query(`INSERT INTO supervision.sla_timers (case_id, assignment_id, hop, cycle, threshold, fire_at)
      SELECT t.case_id, t.assignment_id, t.hop, t.cycle, p.value->>'threshold', (p.value->>'fireAt')::timestamptz
        FROM supervision.sla_clock_timers t, jsonb_array_elements(t.pending) p`);
    await runner.query(`INSERT INTO supervision.sla_timers (case_id, assignment_id, hop, cycle, threshold, fire_at, fired_at)
      SELECT case_id, assignment_id, hop, cycle, threshold, scheduled_at, fired_at FROM supervision.sla_warnings
      ON CONFLICT DO NOTHING`);
    await runner.query(`DROP TABLE supervision.sla_clock_timers`);
  }
}
