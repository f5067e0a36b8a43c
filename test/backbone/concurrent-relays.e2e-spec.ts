import { fromBinary } from '@bufbuild/protobuf';
import { sequenceOf, waitFor } from '@ugov/testing';
import { BackboneScenario, type PlannedEvent } from './backbone-scenario';

const CASES = 20;
const EVENTS_PER_CASE = 50;

describe('two relays over one outbox', () => {
  let scenario: BackboneScenario;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('concurrent-relays');
  });
  afterEach(() => scenario.close());

  it('publish every row and keep each case’s events in order', async () => {
    const reader = await scenario.readTopics([scenario.event.topic]);
    // What must not happen: one relay holding case-1's event n while the other claims its event n+1 and, delayed
    // less before publishing (PUBLISH_JITTER_MS, as a GC pause or a slow network would), gets it to Kafka first.
    // So the batches (15) do not line up with a round of cases (20). The narrower race, a relay's claim running
    // while the other lets go of a case, is pinned down in relay-claims.e2e-spec.ts.
    const relays = ['relay-a', 'relay-b'].map((name) =>
      scenario.startWorker('relay', name, { RELAY_BATCH_SIZE: 15, PUBLISH_JITTER_MS: 10 }),
    );
    for (const relay of relays) await scenario.waitForLog(relay, 'started on');

    // Round by round, every case gets its next event; each round commits (and wakes both relays) on its own.
    const rounds = Array.from({ length: EVENTS_PER_CASE }, (_, sequence) =>
      Array.from({ length: CASES }, (_, index): PlannedEvent => ({ caseId: `case-${index}`, sequence })),
    );
    const eventIds = await scenario.appendEvents(rounds.flat(), CASES);

    await waitFor('the outbox to be emptied', async () => (await scenario.outboxSize()) === 0, 90000);
    const delivered = await waitFor(
      'every event on the topic',
      () => new Set(reader.messages.map((message) => message.headers.ce_id)).size === eventIds.length && reader.messages,
      90000,
    );
    expect(new Set(delivered.map((message) => message.headers.ce_id))).toEqual(new Set(eventIds));

    // What a consumer sees: the first copy of each event, in partition order (a republished copy is absorbed by its inbox).
    const sequencesOfCase = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const message of [...delivered].sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))) {
      if (seen.has(message.headers.ce_id)) continue;
      seen.add(message.headers.ce_id);
      const caseId = message.key!;
      sequencesOfCase.set(caseId, [...(sequencesOfCase.get(caseId) ?? []), sequenceOf(fromBinary(scenario.event.schema, message.value!))]);
    }
    const inOrder = Array.from({ length: EVENTS_PER_CASE }, (_, sequence) => sequence);
    expect(Object.fromEntries(sequencesOfCase)).toEqual(
      Object.fromEntries(Array.from({ length: CASES }, (_, index) => [`case-${index}`, inOrder])),
    );

    const publishedBy: { relay_name: string; events: number }[] = await scenario.dataSource.query(
      `SELECT relay_name, sum(events)::int AS events FROM "${scenario.schema}".relay_publications GROUP BY relay_name ORDER BY relay_name`,
    );
    expect(publishedBy.map((row) => row.relay_name)).toEqual(['relay-a', 'relay-b']);
    expect(await Promise.all(relays.map((relay) => relay.stop()))).toEqual([0, 0]);
  });
});
