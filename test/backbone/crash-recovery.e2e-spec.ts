import { recordEffect, waitFor } from '@ugov/testing';
import { BackboneScenario, newCases } from './backbone-scenario';

describe('a process killed mid-batch (SIGKILL) and restarted', () => {
  let scenario: BackboneScenario;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('crash-recovery');
  });
  afterEach(() => scenario.close());

  it('as a relay, loses no event (the batch it had published goes out again, and the inbox absorbs it)', async () => {
    const batchSize = 20;
    const eventIds = await scenario.appendEvents(newCases(400), 100);
    const groupId = scenario.newGroupId('consumer');
    scenario.startConsumer(groupId, (event, transaction) => recordEffect(transaction, scenario.schema, groupId, event));

    // It freezes after publishing its third batch and before deleting it from the outbox; then it dies.
    const relay = scenario.startWorker('relay', 'relay', { RELAY_BATCH_SIZE: batchSize, STALL_AFTER_BATCHES: 3 });
    await waitFor('the relay to publish its third batch', async () => (await scenario.relayPublications()).batches === 3, 60000, 20);
    await relay.kill();
    expect(await scenario.relayPublications()).toEqual({ batches: 3, events: 3 * batchSize });
    expect(await scenario.outboxSize()).toBe(eventIds.length - 2 * batchSize);

    const restarted = scenario.startWorker('relay', 'restarted-relay', { RELAY_BATCH_SIZE: batchSize });
    await waitFor('the restarted relay to empty the outbox', async () => (await scenario.outboxSize()) === 0, 60000);
    await scenario.waitUntilConsumed(groupId, eventIds.length);
    await scenario.expectEachEventHandledOnce(groupId, eventIds);
    // The killed relay's last batch is on the topic twice.
    expect(await scenario.messagesOnTopic()).toBeGreaterThanOrEqual(eventIds.length + batchSize);
    expect(await restarted.stop()).toBe(0);
  });

  it('as a consumer, loses no event and applies none twice', async () => {
    const eventIds = await scenario.appendEvents(newCases(300), 100);

    // Exactly 100 events are handled, whatever the fetches bring: then every partition freezes, after the effects
    // commit and before the offsets of the batches in hand do. The handler holds its transaction open a little after
    // writing the effect, so the events are handled a few at a time as the relay publishes them.
    const groupId = scenario.newGroupId('consumer');
    const consumer = scenario.startWorker('consumer', groupId, { HANDLER_DELAY_MS: 20, STALL_AFTER_HANDLED_MESSAGES: 100 });
    await scenario.waitForLog(consumer, `consumer ${groupId} is reading`);
    // Small batches, spread out, so the consumer gets the events a few dozen at a time rather than all in one fetch.
    scenario.startWorker('relay', 'relay', { RELAY_BATCH_SIZE: 20, PUBLISH_JITTER_MS: 100 });
    await waitFor('the consumer to have handled part of the events', async () => (await scenario.effectCount(groupId)) >= 100, 90000, 20);
    await consumer.kill();
    const handledBeforeKill = await scenario.effectCount(groupId);
    const committedBeforeKill = [...(await scenario.committedOffsets(groupId)).values()].reduce(
      (sum, offset) => sum + Math.max(offset, 0),
      0,
    );
    expect(handledBeforeKill).toBe(100);
    // Handled but not committed: the restarted consumer is given these again, and must not apply them twice.
    expect(handledBeforeKill).toBeGreaterThan(committedBeforeKill);

    const restarted = scenario.startWorker('consumer', groupId);
    await scenario.waitUntilConsumed(groupId, eventIds.length, 120000);
    await scenario.expectEachEventHandledOnce(groupId, eventIds);
    expect(await restarted.stop()).toBe(0);
  });
});
