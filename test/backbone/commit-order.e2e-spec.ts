import { Client } from 'pg';
import { encodeEvent } from '@ugov/messaging';
import { caseSubmittedBody, waitFor } from '@ugov/testing';
import { BackboneScenario, newCases } from './backbone-scenario';

/**
 * Two transactions writing events of the same case: the relay publishes in outbox-id order, so an event's id
 * must not be smaller than that of an event of its case committed before it. A bigserial alone does not
 * ensure that: a transaction may take its id first and commit last.
 */
describe('events of one case written by concurrent transactions', () => {
  let scenario: BackboneScenario;
  const clients: Client[] = [];

  beforeEach(async () => {
    scenario = await BackboneScenario.open('commit-order');
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.end().catch(() => undefined)));
    await scenario.close();
  });

  async function openTransaction(): Promise<Client> {
    const client = new Client({ connectionString: scenario.databaseUrl });
    clients.push(client);
    await client.connect();
    await client.query('BEGIN');
    return client;
  }

  function append(client: Client, caseId: string, sequence: number): Promise<string> {
    const event = encodeEvent(scenario.event, caseId, caseSubmittedBody(caseId, sequence));
    return client.query(scenario.writer.insertSql(), [scenario.writer.eventsParameter([event])]).then(() => event.envelope.id);
  }

  async function isWaitingForALock(client: Client): Promise<boolean> {
    const pid = (client as unknown as { processID: number }).processID;
    const [row] = await scenario.dataSource.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
    return row?.wait_event_type === 'Lock';
  }

  it('are published in the order the transactions commit, whichever began writing first', async () => {
    const [{ caseId }] = newCases(1);
    const first = await openTransaction();
    const second = await openTransaction();
    const firstEvent = await append(first, caseId, 0);
    // The second transaction's event waits for the first transaction to end before it takes its id …
    let secondEvent: string | undefined;
    const secondWrite = append(second, caseId, 1).then((id) => (secondEvent = id));
    await waitFor('the second write to wait for the first transaction', () => isWaitingForALock(second));
    expect(secondEvent).toBeUndefined();
    // … while an event of another case is written at once.
    const other = await openTransaction();
    await append(other, `${caseId}-other`, 0);
    await other.query('COMMIT');

    await first.query('COMMIT');
    await secondWrite;
    await second.query('COMMIT');

    const ids: { event_id: string }[] = await scenario.dataSource.query(
      `SELECT event_id FROM "${scenario.schema}".outbox WHERE message_key = $1 ORDER BY id`,
      [caseId],
    );
    expect(ids.map((row) => row.event_id)).toEqual([firstEvent, secondEvent]);

    const reader = await scenario.readTopics([scenario.event.topic]);
    scenario.startRelay();
    await waitFor('both events on Kafka', () => reader.on(scenario.event.topic, caseId).length === 2);
    expect(reader.on(scenario.event.topic, caseId).map((message) => message.headers.ce_id)).toEqual([firstEvent, secondEvent]);
  });

  it('leave no event behind when the first transaction rolls back', async () => {
    const [{ caseId }] = newCases(1);
    const first = await openTransaction();
    const second = await openTransaction();
    await append(first, caseId, 0);
    const secondWrite = append(second, caseId, 1);
    await waitFor('the second write to wait for the first transaction', () => isWaitingForALock(second));
    await first.query('ROLLBACK');
    const secondEvent = await secondWrite;
    await second.query('COMMIT');
    const ids: { event_id: string }[] = await scenario.dataSource.query(
      `SELECT event_id FROM "${scenario.schema}".outbox WHERE message_key = $1`,
      [caseId],
    );
    expect(ids.map((row) => row.event_id)).toEqual([secondEvent]);
  });
});
