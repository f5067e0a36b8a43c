import { Client } from 'pg';
import { MessageBus, OutboxRelay, type OutgoingMessage, type Subscription } from '@ugov/messaging';
import { waitFor } from '@ugov/testing';
import { BackboneScenario } from './backbone-scenario';

/** The relay's claim is what is under test here, so the broker is replaced by a list. */
class RecordingBus extends MessageBus {
  readonly published: OutgoingMessage[] = [];
  readonly maxRequestBytes = 1000000;

  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    this.published.push(...messages);
  }
  subscribe(): Subscription {
    throw new Error('RecordingBus only publishes');
  }
  async ensureTopics(): Promise<void> {}
  async isReachable(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}
}

/** Another relay's transaction, reduced to what matters: it holds the lock of one key bucket until it ends. */
async function holdBucketOf(databaseUrl: string, schema: string, caseId: string): Promise<{ end: () => Promise<void> }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  // The relay's lock key: see claim_outbox_batch in outbox.schema.ts.
  await client.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2) & 63)`, [`${schema}.outbox`, caseId]);
  return {
    end: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

describe('a relay claiming outbox rows', () => {
  let scenario: BackboneScenario;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('relay-claims');
  });
  afterEach(() => scenario.close());

  it('never takes a case’s later event while an earlier one waits for the relay that holds the case', async () => {
    const { schema, dataSource } = scenario;
    const bucketOf = async (caseId: string): Promise<number> =>
      (await dataSource.query(`SELECT hashtext($1) & 63 AS bucket`, [caseId]))[0].bucket;
    const heldCase = 'case-held';
    let blockingCase = 'case-blocking-0';
    for (let n = 1; (await bucketOf(blockingCase)) === (await bucketOf(heldCase)); n++) blockingCase = `case-blocking-${n}`;

    // The held case's first event, a long run of another case's events, then the held case's second event.
    const [first] = await scenario.appendEvents([{ caseId: heldCase, sequence: 0 }]);
    await dataSource.query(
      `INSERT INTO "${schema}".outbox (event_id, topic, message_key, payload, headers)
       SELECT gen_random_uuid(), topic, $1, payload, headers FROM "${schema}".outbox, generate_series(1, 300000)`,
      [blockingCase],
    );
    const [second] = await scenario.appendEvents([{ caseId: heldCase, sequence: 1 }]);

    // The blocking case stays held throughout, so a claim has to look through all its rows; the held case's
    // relay finishes while that claim is under way.
    const blockingCaseRelay = await holdBucketOf(scenario.databaseUrl, schema, blockingCase);
    const heldCaseRelay = await holdBucketOf(scenario.databaseUrl, schema, heldCase);
    const bus = new RecordingBus();
    const relay = new OutboxRelay(dataSource, bus, { schema, databaseUrl: scenario.databaseUrl });
    // Watched from a connection of its own, so that the held case's relay finishes well within the claim's scan.
    const watcher = new Client({ connectionString: scenario.databaseUrl });
    await watcher.connect();
    let claimDone = false;
    const claiming = relay.drain().finally(() => (claimDone = true));
    try {
      await waitFor(
        'the claim to be under way (or over)',
        async () => {
          if (claimDone) return true;
          const { rowCount } = await watcher.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
                AND query LIKE '%claim_outbox_batch%' AND pid <> pg_backend_pid()`,
          );
          return rowCount! > 0;
        },
        30000,
        0,
      );
    } finally {
      await watcher.end();
    }
    await heldCaseRelay.end();
    await claiming;

    await blockingCaseRelay.end();
    await dataSource.query(`DELETE FROM "${schema}".outbox WHERE message_key = $1`, [blockingCase]);
    await relay.drain();

    const heldCaseEvents = bus.published.filter((message) => message.key === heldCase).map((message) => message.headers.ce_id);
    expect([...new Set(heldCaseEvents)]).toEqual([first, second]);
  });
});
