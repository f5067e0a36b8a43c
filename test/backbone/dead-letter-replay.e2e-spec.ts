import { deadLetterTopic } from '@ugov/contracts';
import { encodeEvent, type EncodedEvent } from '@ugov/messaging';
import { caseSubmittedBody, recordEffect, waitFor } from '@ugov/testing';
import { BackboneScenario } from './backbone-scenario';

const retry = { maxAttempts: 2, initialDelayMs: 20, maxDelayMs: 50 };

/** The count on a line of the replay's summary, e.g. `replayed:` or `skipped, replayed before:`. */
function countOf(output: string, line: string): number {
  const match = new RegExp(`^\\s+${line}:\\s+(\\d+)$`, 'm').exec(output);
  if (!match) throw new Error(`no "${line}" line in the summary:\n${output}`);
  return Number(match[1]);
}

describe('a dead letter, replayed with npm run dlq:replay', () => {
  let scenario: BackboneScenario;
  let dlqTopic: string;
  /** Gives up on the events in `broken` while they are there, as a handler with a bug would. */
  let failingGroup: string;
  /** Handles everything; it must see the replays as duplicates. */
  let healthyGroup: string;
  let broken: Set<string>;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('dlq-replay');
    dlqTopic = deadLetterTopic(scenario.event.topic);
    failingGroup = scenario.newGroupId('failing');
    healthyGroup = scenario.newGroupId('healthy');
    broken = new Set();
    await scenario.newBus().ensureTopics([scenario.event.topic, dlqTopic]);
    scenario.startConsumer(
      failingGroup,
      async (event, transaction) => {
        if (broken.has(event.envelope.id)) throw new Error('cannot handle this case yet');
        await recordEffect(transaction, scenario.schema, failingGroup, event);
      },
      retry,
    );
    scenario.startConsumer(healthyGroup, (event, transaction) => recordEffect(transaction, scenario.schema, healthyGroup, event), retry);
  });
  afterEach(() => scenario.close());

  function eventsOfOneCase(caseId: string, count: number): EncodedEvent[] {
    return Array.from({ length: count }, (_, sequence) => encodeEvent(scenario.event, caseId, caseSubmittedBody(caseId, sequence)));
  }

  /** Publishes, and waits until both groups have consumed the topic and the dead-letter topic holds `deadLetters`. */
  async function publishAndConsume(events: readonly EncodedEvent[], deadLetters: number): Promise<void> {
    await scenario.newBus().publish(events);
    await settle(deadLetters);
  }

  async function settle(deadLetters: number): Promise<void> {
    const onTopic = await scenario.messagesOnTopic();
    await scenario.waitUntilConsumed(failingGroup, onTopic);
    await scenario.waitUntilConsumed(healthyGroup, onTopic);
    await waitFor(`${deadLetters} dead letter(s)`, async () => (await scenario.messagesOnTopic(dlqTopic)) === deadLetters);
  }

  async function replay(...args: string[]): Promise<string> {
    const { exitCode, output } = await scenario.replayDeadLetters('--topic', scenario.event.topic, ...args);
    expect({ exitCode, output }).toEqual({ exitCode: 0, output: expect.any(String) });
    return output;
  }

  async function inboxOutcome(groupId: string, eventId: string): Promise<string | undefined> {
    const rows: { outcome: string }[] = await scenario.dataSource.query(
      `SELECT outcome FROM "${scenario.schema}".inbox WHERE consumer_group = $1 AND event_id = $2`,
      [groupId, eventId],
    );
    return rows[0]?.outcome;
  }

  it('is handled exactly once by the group that gave up on it, is a duplicate for the others, and is not replayed twice', async () => {
    const events = eventsOfOneCase('case-replay-1', 3);
    const poison = events[1];
    broken.add(poison.envelope.id);
    await publishAndConsume(events, 1);
    expect(await inboxOutcome(failingGroup, poison.envelope.id)).toBe('dead-lettered');
    expect(await scenario.effectsPerEvent(failingGroup)).not.toHaveProperty(poison.envelope.id);

    broken.clear(); // the bug is fixed
    const output = await replay();
    expect(countOf(output, 'replayed')).toBe(1);
    expect(output).toContain(`event ${poison.envelope.id} → ${scenario.event.topic}, for ${failingGroup}`);
    await settle(1);

    const everyEvent = events.map((event) => event.envelope.id);
    await scenario.expectEachEventHandledOnce(failingGroup, everyEvent);
    await scenario.expectEachEventHandledOnce(healthyGroup, everyEvent);
    expect(await inboxOutcome(failingGroup, poison.envelope.id)).toBe('processed');
    const [record] = await scenario.dataSource.query(`SELECT * FROM "${scenario.schema}".dead_letter_replays`);
    expect(record).toMatchObject({
      dlq_topic: dlqTopic,
      dlq_offset: '0',
      consumer_group: failingGroup,
      event_id: poison.envelope.id,
      original_topic: scenario.event.topic,
      error: 'cannot handle this case yet',
      published_at: expect.any(Date),
    });

    const again = await replay();
    expect([countOf(again, 'replayed'), countOf(again, 'skipped, replayed before')]).toEqual([0, 1]);
    expect(await scenario.messagesOnTopic()).toBe(4);
    await scenario.expectEachEventHandledOnce(failingGroup, everyEvent);
  });

  it('starts at --since, and a replay that fails again is dead-lettered again and can be replayed in turn', async () => {
    const [early] = eventsOfOneCase('case-replay-early', 1);
    const [late] = eventsOfOneCase('case-replay-late', 1);
    broken.add(early.envelope.id).add(late.envelope.id);
    await publishAndConsume([early], 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await publishAndConsume([late], 2);

    broken.delete(late.envelope.id); // only the later one's bug is fixed
    const sinceBetween = await replay('--since', between.toISOString());
    expect(countOf(sinceBetween, 'replayed')).toBe(1);
    expect(sinceBetween).toContain(`event ${late.envelope.id}`);
    expect(sinceBetween).not.toContain(early.envelope.id);
    await settle(2);
    await scenario.expectEachEventHandledOnce(failingGroup, [late.envelope.id]);

    // From the start: the early one goes back, fails again and is dead-lettered again; the late one was replayed before.
    const fromStart = await replay();
    expect([countOf(fromStart, 'replayed'), countOf(fromStart, 'skipped, replayed before')]).toEqual([1, 1]);
    await settle(3);
    expect(await inboxOutcome(failingGroup, early.envelope.id)).toBe('dead-lettered');
    await scenario.expectEachEventHandledOnce(failingGroup, [late.envelope.id]);

    broken.clear();
    const afterFix = await replay();
    expect([countOf(afterFix, 'replayed'), countOf(afterFix, 'skipped, replayed before')]).toEqual([1, 2]);
    await settle(3);
    await scenario.expectEachEventHandledOnce(failingGroup, [early.envelope.id, late.envelope.id]);
    await scenario.expectEachEventHandledOnce(healthyGroup, [early.envelope.id, late.envelope.id]);
    const replays: { event_id: string }[] = await scenario.dataSource.query(
      `SELECT event_id FROM "${scenario.schema}".dead_letter_replays WHERE published_at IS NOT NULL ORDER BY requested_at`,
    );
    expect(replays.map((row) => row.event_id)).toEqual([late.envelope.id, early.envelope.id, early.envelope.id]);
  });

  it('names bad arguments, and a topic that has no dead-letter topic', async () => {
    const dlqGiven = await scenario.replayDeadLetters('--topic', dlqTopic);
    expect(dlqGiven.exitCode).toBe(2);
    expect(dlqGiven.output).toContain(`--topic names the original topic, not its dead-letter topic: use ${scenario.event.topic}`);
    const noTopic = await scenario.replayDeadLetters('--since', 'last week');
    expect(noTopic.exitCode).toBe(2);
    expect(noTopic.output).toContain('--topic is required');
    expect(noTopic.output).toContain('--since "last week" is not an ISO 8601 time');
    const unknown = await scenario.replayDeadLetters('--topic', `${scenario.event.topic}-typo`);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.output).toContain(`there is no ${scenario.event.topic}-typo.dlq`);
  });
});
