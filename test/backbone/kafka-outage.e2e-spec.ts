import { ThrowawayKafka, waitFor } from '@ugov/testing';
import { BackboneScenario, newCases } from './backbone-scenario';

describe('Kafka down while events are written', () => {
  // A broker of this test's own: the shared one on 9092 must stay up for everyone else.
  let kafka: ThrowawayKafka | undefined;
  let scenario: BackboneScenario | undefined;

  afterAll(async () => {
    await scenario?.close();
    await kafka?.destroy();
  });

  it('loses nothing: every event reaches every consumer group, once in effect, when Kafka is back', async () => {
    kafka = await ThrowawayKafka.start();
    scenario = await BackboneScenario.open('kafka-outage', kafka.brokers);
    const relay = scenario.startWorker('relay', 'relay');
    const steadyGroup = scenario.newGroupId('steady');
    const steadyConsumer = scenario.startWorker('consumer', steadyGroup);

    // Before the outage the relay and the steady consumer are connected and the topic exists.
    const warmUp = await scenario.appendEvents(newCases(1));
    await waitFor('the warm-up event to be handled', async () => (await scenario!.effectCount(steadyGroup)) === 1, 60000);

    await kafka.stop();
    const written = await scenario.appendEvents(newCases(100), 10);
    // A group that first starts while Kafka is down must join once it is back.
    const lateGroup = scenario.newGroupId('late');
    const lateConsumer = scenario.startWorker('consumer', lateGroup);
    // Both have met the outage: the relay could not publish the new rows, the late consumer could not join.
    await scenario.waitForLog(relay, 'cannot publish outbox');
    await scenario.waitForLog(lateConsumer, `consumer ${lateGroup} cannot start`);
    expect(await scenario.outboxSize()).toBe(written.length);

    await kafka.resume();
    await waitFor('the relay to empty the outbox', async () => (await scenario!.outboxSize()) === 0, 90000);
    const allEvents = [...warmUp, ...written];
    for (const groupId of [steadyGroup, lateGroup]) {
      await scenario.waitUntilConsumed(groupId, allEvents.length, 90000);
      await scenario.expectEachEventHandledOnce(groupId, allEvents);
    }
    expect(await Promise.all([relay, steadyConsumer, lateConsumer].map((worker) => worker.stop()))).toEqual([0, 0, 0]);
  });
});
