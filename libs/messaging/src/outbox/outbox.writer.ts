import type { MessageInitShape } from '@bufbuild/protobuf';
import type { EventDefinition } from '@ugov/contracts';
import type { Sql } from '@ugov/persistence';
import { encodeEvent, type EncodedEvent, type EventEnvelope } from '../cloud-events';

/** Anything that can run SQL inside the caller's transaction (a TypeORM EntityManager, or runInTransaction's). */
export type SqlExecutor = Sql;

/** Whether events' keys (case ids) exist beyond this transaction ('existing') or are born in it ('new'). */
export type EventKeys = 'existing' | 'new';

/**
 * Writes events into the service's outbox table with the caller's transaction,
 * so an event exists if and only if the business rows it describes were committed.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {}

  async append<Def extends EventDefinition>(
    transaction: SqlExecutor,
    definition: Def,
    caseId: string,
    body: MessageInitShape<Def['schema']>,
  ): Promise<EventEnvelope> {
    const event = encodeEvent(definition, caseId, body);
    await this.appendAll(transaction, [event]);
    return event.envelope;
  }

  /** Many events in one statement, in the given order (which is the order the relay publishes them in). */
  async appendAll(transaction: SqlExecutor, events: readonly EncodedEvent[], keys: EventKeys = 'existing'): Promise<void> {
    if (events.length === 0) return;
    const { sql, parameters } = this.insertStatement(events, 1, keys);
    await transaction.query(sql, parameters);
  }

  /**
   * The INSERT of appendAll, for a caller that writes its own rows in the same statement
   * (`WITH new_rows AS (INSERT …) <this>`), which is atomic without a transaction around it.
   * Its parameters are numbered from `firstParameter`.
   *
   * Each event's id is taken only once its case's key lock is held, and that lock is held until commit: two
   * transactions writing events of one case commit in the order of those events' ids, which is the order the
   * relay publishes them in. Without it a transaction could take a smaller id and commit later than another.
   * Keys born in this very transaction (`'new'`: a case just accepted) need no lock, since no other
   * transaction can know them yet; that also keeps a large import from taking a lock per event.
   */
  insertStatement(
    events: readonly EncodedEvent[],
    firstParameter = 1,
    keys: EventKeys = 'existing',
  ): { sql: string; parameters: unknown[] } {
    const [id, topic, key, payload, headers] = [0, 1, 2, 3, 4].map((offset) => `$${firstParameter + offset}`);
    const keyLock =
      keys === 'existing'
        ? `CROSS JOIN LATERAL (SELECT pg_advisory_xact_lock(hashtext('${this.schema}.outbox-key'), hashtext(e.k))) AS key_lock`
        : '';
    return {
      sql: `INSERT INTO "${this.schema}".outbox (event_id, topic, message_key, payload, headers)
            SELECT id, t, k, p, h FROM unnest(${id}::uuid[], ${topic}::text[], ${key}::text[], ${payload}::bytea[], ${headers}::jsonb[])
                   WITH ORDINALITY AS e(id, t, k, p, h, n) ${keyLock}
             ORDER BY n`,
      parameters: [
        events.map((event) => event.envelope.id),
        events.map((event) => event.topic),
        events.map((event) => event.key),
        events.map((event) => Buffer.from(event.value)),
        events.map((event) => JSON.stringify(event.headers)),
      ],
    };
  }
}
