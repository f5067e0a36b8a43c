import { deadLetterTopic } from '@ugov/contracts';
import { recordEffect, TcpProxy, waitFor } from '@ugov/testing';
import { BackboneScenario, newCases } from './backbone-scenario';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An error as pg reports it, with the SQLSTATE of a failure that says nothing about the message. */
function postgresError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const TRANSIENT = [
  postgresError('40001', 'could not serialize access due to concurrent update'),
  postgresError('40P01', 'deadlock detected'),
  postgresError('55P03', 'could not obtain lock on row in relation "cases"'),
  postgresError('57014', 'canceling statement due to statement timeout'),
];

describe('the database failing under a consumer', () => {
  let scenario: BackboneScenario;
  let proxy: TcpProxy | undefined;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('database-outage');
  });
  afterEach(async () => {
    await scenario.close();
    await proxy?.close();
  });

  it('keeps the consumer in its group through a 30 s outage; it resumes by itself and loses nothing', async () => {
    const server = new URL(scenario.databaseUrl);
    proxy = await TcpProxy.start(server.hostname, Number(server.port || 5432));
    const groupId = scenario.newGroupId('consumer');
    const consumer = scenario.startWorker('consumer', groupId, { DATABASE_URL: proxy.urlThrough(scenario.databaseUrl) });
    scenario.startRelay();

    const beforeOutage = await scenario.appendEvents(newCases(10));
    await waitFor('the first events to be handled', async () => (await scenario.effectCount(groupId)) === 10, 60000);
    const membersBefore = await scenario.groupMembers(groupId);
    expect(membersBefore).toMatchObject({ state: 'Stable', memberIds: [expect.any(String)] });

    proxy.cut();
    const duringOutage = await scenario.appendEvents(newCases(20));
    await scenario.waitForLog(consumer, 'failed: ', 30000);
    await sleep(30000);
    // Through the outage the member kept its place: no rebalance, nothing dead-lettered.
    expect(await scenario.groupMembers(groupId)).toEqual(membersBefore);
    expect(await scenario.effectCount(groupId)).toBe(10);

    proxy.restore();
    await scenario.waitUntilConsumed(groupId, 30);
    await scenario.expectEachEventHandledOnce(groupId, [...beforeOutage, ...duringOutage]);
    expect(await scenario.groupMembers(groupId)).toEqual(membersBefore);
    expect(await scenario.messagesOnTopic(deadLetterTopic(scenario.event.topic)).catch(() => 0)).toBe(0);
    expect(await consumer.stop()).toBe(0);
  });

  it('retries serialization failures, deadlocks, lock and statement timeouts for as long as they last, never dead-letters them', async () => {
    const groupId = scenario.newGroupId('consumer');
    const failures = new Map<string, number>();
    const failTimes = 3 * TRANSIENT.length;
    scenario.startConsumer(
      groupId,
      async (event, transaction) => {
        const failed = failures.get(event.envelope.id) ?? 0;
        if (failed < failTimes) {
          failures.set(event.envelope.id, failed + 1);
          throw TRANSIENT[failed % TRANSIENT.length];
        }
        await recordEffect(transaction, scenario.schema, groupId, event);
      },
      // Far fewer attempts than the failures: only a transient failure gets past this.
      { maxAttempts: 3, initialDelayMs: 10, maxDelayMs: 20 },
    );
    const reader = await scenario.readTopics([deadLetterTopic(scenario.event.topic)]);
    scenario.startRelay();
    const events = await scenario.appendEvents(newCases(3));

    await scenario.waitUntilConsumed(groupId, 3);
    await scenario.expectEachEventHandledOnce(groupId, events);
    expect([...failures.values()]).toEqual([failTimes, failTimes, failTimes]);
    expect(reader.on(deadLetterTopic(scenario.event.topic))).toEqual([]);
  });
});
