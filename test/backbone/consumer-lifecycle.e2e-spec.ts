import { encodeEvent } from '@ugov/messaging';
import { caseSubmittedBody, waitFor } from '@ugov/testing';
import { BackboneScenario, newCases } from './backbone-scenario';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a consumer that is stopped', () => {
  let scenario: BackboneScenario;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('consumer-lifecycle');
  });
  afterEach(() => scenario.close());

  async function expectNobodyInTheGroupFor(groupId: string, ms: number, handled: () => number): Promise<void> {
    const handledAtStop = handled();
    expect(await scenario.groupMembers(groupId)).toMatchObject({ memberIds: [] });
    // Long enough for any restart timer to fire (kafkajs restarts a crashed consumer after a few hundred ms).
    await sleep(ms);
    expect(await scenario.groupMembers(groupId)).toMatchObject({ memberIds: [] });
    expect(handled()).toBe(handledAtStop);
  }

  it('stays stopped while its consumer keeps crashing and being restarted', async () => {
    const groupId = scenario.newGroupId('crashing');
    const bus = scenario.newBus();
    await bus.ensureTopics([scenario.event.topic]);
    const [{ caseId }] = newCases(1);
    await bus.publish([encodeEvent(scenario.event, caseId, caseSubmittedBody(caseId))]);
    let calls = 0;
    // An error kafkajs does not retry: each delivery crashes the consumer, and the subscription starts a new one.
    const subscription = bus.subscribe({
      groupId,
      topics: [scenario.event.topic],
      handle: async () => {
        calls++;
        throw Object.assign(new Error('cannot go on'), { retriable: false });
      },
    });
    await waitFor('the consumer to crash and be restarted a few times', () => calls >= 3, 60000, 10);
    await subscription.stop();
    await expectNobodyInTheGroupFor(groupId, 10000, () => calls);
  });

  it('stays stopped when it was stopped while retrying a handler', async () => {
    const groupId = scenario.newGroupId('retrying');
    let attempts = 0;
    const consumer = scenario.startConsumer(groupId, async () => {
      attempts++;
      throw Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' });
    });
    scenario.startRelay();
    await scenario.appendEvents(newCases(1));
    await waitFor('the handler to be retried', () => attempts >= 2, 60000);
    await consumer.stop();
    await expectNobodyInTheGroupFor(groupId, 10000, () => attempts);
  });
});
