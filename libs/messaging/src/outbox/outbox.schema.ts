import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DDL of the outbox and inbox of one service schema. Each service's first migration calls these,
 * so every service has the same tables and the relay and consumer work the same everywhere.
 */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}

export function createOutboxAndInboxSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".outbox (
       id bigserial PRIMARY KEY,
       event_id uuid NOT NULL UNIQUE,
       topic text NOT NULL,
       message_key text NOT NULL,
       payload bytea NOT NULL,
       headers jsonb NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    // Wakes the relay at commit time instead of having it poll in a tight loop.
    `CREATE FUNCTION "${schema}".notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_notify('${outboxChannel(schema)}', ''); RETURN NULL; END $$`,
    `CREATE TRIGGER outbox_notify AFTER INSERT ON "${schema}".outbox
       FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".notify_outbox()`,
    `CREATE TABLE "${schema}".inbox (
       consumer_group text NOT NULL,
       event_id text NOT NULL,
       topic text NOT NULL,
       kafka_partition integer NOT NULL,
       kafka_offset bigint NOT NULL,
       outcome text NOT NULL,
       handled_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer_group, event_id)
     )`,
  ];
}

export function dropOutboxAndInboxSql(schema: string): string[] {
  return [`DROP TABLE "${schema}".inbox`, `DROP TABLE "${schema}".outbox`, `DROP FUNCTION "${schema}".notify_outbox()`];
}

/** Keys are spread over this many buckets, the unit a relay claims (see claim_outbox_batch). */
export const OUTBOX_KEY_BUCKETS = 64;

/**
 * Second migration of every service schema: the table for events Kafka can never take, and the function
 * with which a relay claims just enough key buckets for one batch (so a second relay finds work too) and reads
 * their rows, in one round trip.
 */
export function createParkedOutboxAndClaimSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".outbox_parked (
       id bigint PRIMARY KEY,
       event_id uuid NOT NULL UNIQUE,
       topic text NOT NULL,
       message_key text NOT NULL,
       payload bytea NOT NULL,
       headers jsonb NOT NULL,
       created_at timestamptz NOT NULL,
       size_bytes integer NOT NULL,
       reason text NOT NULL,
       parked_at timestamptz NOT NULL DEFAULT now()
     )`,
    // Buckets of the oldest rows, oldest first; each is tried with a transaction-scoped advisory lock, and the
    // claim stops once the buckets taken hold a batch; the locks are held until the relay's transaction ends.
    // The rows are read by a statement of their own, which (in a volatile function) takes its snapshot after the
    // locks are held, so it sees every row left in those buckets and the batch holds each case's oldest events.
    `CREATE FUNCTION "${schema}".claim_outbox_batch(lookahead integer, wanted integer)
     RETURNS TABLE (id bigint, event_id uuid, topic text, message_key text, payload bytea, headers jsonb)
     LANGUAGE plpgsql VOLATILE AS $$
     #variable_conflict use_column
     DECLARE
       claimed integer[] := '{}';
       covered integer := 0;
       candidate record;
     BEGIN
       FOR candidate IN
         SELECT hashtext(oldest.message_key) & ${OUTBOX_KEY_BUCKETS - 1} AS bucket, count(*) AS waiting, min(oldest.id) AS first_id
           FROM (SELECT o.message_key, o.id FROM "${schema}".outbox o ORDER BY o.id LIMIT lookahead) AS oldest
          GROUP BY 1 ORDER BY 3
       LOOP
         IF pg_try_advisory_xact_lock(hashtext('${schema}.outbox'), candidate.bucket) THEN
           claimed := claimed || candidate.bucket;
           covered := covered + candidate.waiting;
           EXIT WHEN covered >= wanted;
         END IF;
       END LOOP;
       IF cardinality(claimed) = 0 THEN
         RETURN;
       END IF;
       RETURN QUERY
         SELECT o.id, o.event_id, o.topic, o.message_key, o.payload, o.headers FROM "${schema}".outbox o
          WHERE hashtext(o.message_key) & ${OUTBOX_KEY_BUCKETS - 1} = ANY(claimed)
          ORDER BY o.id LIMIT wanted;
     END $$`,
  ];
}

export function dropParkedOutboxAndClaimSql(schema: string): string[] {
  return [`DROP FUNCTION "${schema}".claim_outbox_batch(integer, integer)`, `DROP TABLE "${schema}".outbox_parked`];
}

/**
 * DDL of the record of dead-letter replays, beside the inbox it marks: `dlq:replay` writes a row and marks the
 * group's inbox row 'replay-requested' in one transaction (see dead-letter-replay.ts). One row per dead letter,
 * keyed by its position on the dead-letter topic, so a dead letter is replayed once however often the command runs.
 */
export function createDeadLetterReplaysSql(schema: string): string[] {
  return [
    `CREATE TABLE "${schema}".dead_letter_replays (
       dlq_topic text NOT NULL,
       dlq_partition integer NOT NULL,
       dlq_offset bigint NOT NULL,
       consumer_group text NOT NULL,
       event_id text NOT NULL,
       original_topic text NOT NULL,
       original_partition integer,
       original_offset bigint,
       error text,
       dead_lettered_at timestamptz NOT NULL,
       requested_at timestamptz NOT NULL DEFAULT now(),
       -- Set once the message is back on its topic; a row without it was recorded by a run that stopped before publishing.
       published_at timestamptz,
       PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
     )`,
  ];
}

export function dropDeadLetterReplaysSql(schema: string): string[] {
  return [`DROP TABLE "${schema}".dead_letter_replays`];
}

/**
 * The migration that adds the replay record to a service schema made before it. Each service names it in a file of
 * its own: `export class RecordDeadLetterReplays<timestamp> extends deadLetterReplaysMigration('<schema>') {}`
 * (TypeORM takes the migration's name, and its timestamp, from that class name).
 */
export function deadLetterReplaysMigration(schema: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    async up(runner: QueryRunner): Promise<void> {
      for (const sql of createDeadLetterReplaysSql(schema)) await runner.query(sql);
    }

    async down(runner: QueryRunner): Promise<void> {
      for (const sql of dropDeadLetterReplaysSql(schema)) await runner.query(sql);
    }
  };
}

/** The migration that adds outbox_parked and claim_outbox_batch to a service schema made before them (named like deadLetterReplaysMigration's). */
export function parkedOutboxMigration(schema: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    async up(runner: QueryRunner): Promise<void> {
      for (const sql of createParkedOutboxAndClaimSql(schema)) await runner.query(sql);
    }

    async down(runner: QueryRunner): Promise<void> {
      for (const sql of dropParkedOutboxAndClaimSql(schema)) await runner.query(sql);
    }
  };
}
