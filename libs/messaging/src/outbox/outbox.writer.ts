import type { MessageInitShape } from '@bufbuild/protobuf';
import type { EventDefinition } from '@ugov/contracts';
import { insertRows, type InsertColumn, type Sql } from '@ugov/persistence';
import { encodeEvent, type EncodedEvent, type EventEnvelope } from '../cloud-events';

/** Anything that can run SQL inside the caller's transaction (a TypeORM EntityManager, or runInTransaction's). */
export type SqlExecutor = Sql;

/** Whether events' keys (case ids) exist beyond this transaction ('existing') or are born in it ('new'). */
export type EventKeys = 'existing' | 'new';

const outboxColumns: readonly InsertColumn<EncodedEvent>[] = [
  { name: 'event_id', type: 'uuid', value: (event) => event.envelope.id },
  { name: 'topic', type: 'text', value: (event) => event.topic },
  { name: 'message_key', type: 'text', value: (event) => event.key },
  { name: 'payload', type: 'bytea', value: (event) => event.value },
  { name: 'headers', type: 'jsonb', value: (event) => event.headers },
];

/**
 * Writes events into the service's outbox table with the caller's transaction,
 * so an event exists if and only if the business rows it describes were committed.
 */
export class OutboxWriter {
  private readonly inserts: Record<EventKeys, ReturnType<typeof insertRows<EncodedEvent>>>;

  /**
   * Each event's id is taken only once its case's key lock is held, and that lock is held until commit: two
   * transactions writing events of one case commit in the order of those events' ids, which is the order the
   * relay publishes them in. Without it a transaction could take a smaller id and commit later than another.
   * Keys born in this very transaction (`'new'`: a case just accepted) need no lock, since no other
   * transaction can know them yet; that also keeps a large import from taking a lock per event.
   */
  constructor(schema: string) {
    const table = `"${schema}".outbox`;
    const keyLock = `CROSS JOIN LATERAL (SELECT pg_advisory_xact_lock(hashtext('${schema}.outbox-key'), hashtext(r.message_key))) AS key_lock`;
    this.inserts = {
      existing: insertRows(table, outboxColumns, '', { ordered: true, join: keyLock }),
      new: insertRows(table, outboxColumns, '', { ordered: true }),
    };
  }

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
    await this.inserts[keys].run(transaction, events);
  }

  /**
   * The INSERT of appendAll, for a caller that writes its own rows in the same statement
   * (`WITH new_rows AS (INSERT …) <this>`), which is atomic without a transaction around it.
   * The events are its parameter `$1` (eventsParameter): the caller numbers its own from `$2`.
   */
  insertSql(keys: EventKeys = 'existing'): string {
    return this.inserts[keys].text;
  }

  /** The events as the parameter `$1` of insertSql's statement (both kinds of keys insert the same columns). */
  eventsParameter(events: readonly EncodedEvent[]): string {
    return this.inserts.new.parameterOf(events);
  }
}
