import { encodeEvent } from '@ugov/messaging';
import { caseSubmittedBody, recordEffect } from '@ugov/testing';
import { BackboneScenario } from './backbone-scenario';

describe('an event delivered twice', () => {
  let scenario: BackboneScenario;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('duplicate-delivery');
  });
  afterEach(() => scenario.close());

  it('has its effect once', async () => {
    const caseId = 'case-twice-1';
    const message = encodeEvent(scenario.event, caseId, caseSubmittedBody(caseId));
    const bus = scenario.newBus();
    await bus.ensureTopics([scenario.event.topic]);
    // The identical Kafka message twice, as a relay that crashed between publishing and committing would send it.
    await bus.publish([message]);
    await bus.publish([message]);
    expect(await scenario.messagesOnTopic()).toBe(2);

    let handled = 0;
    const groupId = scenario.newGroupId('consumer');
    scenario.startConsumer(groupId, async (event, transaction) => {
      handled++;
      await recordEffect(transaction, scenario.schema, groupId, event);
    });
    await scenario.waitUntilConsumed(groupId, 2);

    expect(handled).toBe(1);
    await scenario.expectEachEventHandledOnce(groupId, [message.envelope.id]);
    const inbox = await scenario.dataSource.query(`SELECT event_id, outcome FROM "${scenario.schema}".inbox WHERE consumer_group = $1`, [
      groupId,
    ]);
    expect(inbox).toEqual([{ event_id: message.envelope.id, outcome: 'processed' }]);

    // Once more, after the first copy's effect and offset were committed: now only the inbox table can tell.
    await bus.publish([message]);
    await scenario.waitUntilConsumed(groupId, 3);
    expect(handled).toBe(1);
    await scenario.expectEachEventHandledOnce(groupId, [message.envelope.id]);
  });
});
