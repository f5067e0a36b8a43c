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
