import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createDeadLetterReplaysSql, dropDeadLetterReplaysSql } from '@ugov/messaging';

export class RecordDeadLettersAndParkedEvents1763900000000 implements MigrationInterface {
  name = 'RecordDeadLettersAndParkedEvents1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    // Supervision's own inbox can be replayed into, like every service's.
    for (const sql of createDeadLetterReplaysSql('supervision')) await runner.query(sql);
    // One row per message on a dead-letter topic, keyed by its position there: a dead letter may be too broken to
    // have an id, and one event dead-lettered by two groups (or again after a replay) is two dead letters.
    await runner.query(`CREATE TABLE supervision.dead_letters (
      dlq_topic text NOT NULL,
      dlq_partition integer NOT NULL,
      dlq_offset bigint NOT NULL,
      original_topic text NOT NULL,
      original_partition integer,
      original_offset bigint,
      consumer_group text,
      event_id text,
      message_key text,
      error text,
      error_type text,
      attempts integer,
      replay_of text,
      dead_lettered_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
    )`);
    await runner.query(`CREATE INDEX dead_letters_newest_first ON supervision.dead_letters (dead_lettered_at DESC)`);
    await runner.query(`CREATE TABLE supervision.parked_events (
      event_id text PRIMARY KEY,
      service text NOT NULL,
      topic text NOT NULL,
      message_key text NOT NULL,
      size_bytes bigint NOT NULL,
      reason text NOT NULL,
      parked_at timestamptz NOT NULL,
      notice_event_id text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await runner.query(`CREATE INDEX parked_events_newest_first ON supervision.parked_events (parked_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE supervision.parked_events`);
    await runner.query(`DROP TABLE supervision.dead_letters`);
    for (const sql of dropDeadLetterReplaysSql('supervision')) await runner.query(sql);
  }
}
