import { create, equals } from '@bufbuild/protobuf';
import { runInTraceContext } from '@ugov/observability';
import type { DecodedEvent } from '@ugov/messaging';
import { caseSubmittedBody, recordEffect, waitFor, type BackboneEvent } from '@ugov/testing';
import { BackboneScenario } from './backbone-scenario';

/** Thrown inside a transaction to roll it back after its event was written. */
class RolledBack extends Error {
  constructor(readonly eventId: string) {
    super(`rolled back on purpose after writing event ${eventId}`);
  }
}

describe('an event written through the outbox', () => {
  let scenario: BackboneScenario;

  beforeEach(async () => {
    scenario = await BackboneScenario.open('outbox-to-consumer');
    await scenario.dataSource.query(`CREATE TABLE "${scenario.schema}".submitted_cases (case_id text PRIMARY KEY)`);
  });
  afterEach(() => scenario.close());

  /** Writes the business row and its event in one transaction, as a service does. */
  function submitCase(caseId: string, commit: boolean) {
    const body = caseSubmittedBody(caseId);
    return scenario.dataSource.transaction(async (transaction) => {
      await transaction.query(`INSERT INTO "${scenario.schema}".submitted_cases (case_id) VALUES ($1)`, [caseId]);
      const envelope = await scenario.writer.append(transaction, scenario.event, caseId, body);
      if (!commit) throw new RolledBack(envelope.id);
      return { envelope, body };
    });
  }

  it('reaches a consumer once, with its CloudEvents headers and body, and a rolled-back one never does', async () => {
    const caseId = 'case-outbox-1';
    const trace = {
      correlationId: 'correlation-of-the-request',
      causationId: 'cause-of-the-submission',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    };

    // Same case (same key, same partition) and written first: had it reached the outbox, it would reach the consumer first.
    const rolledBack = await runInTraceContext(trace, () => submitCase(caseId, false)).catch((error: unknown) => {
      if (error instanceof RolledBack) return error.eventId;
      throw error;
    });
    const written = await runInTraceContext(trace, () => submitCase(caseId, true));

    const received: DecodedEvent<BackboneEvent>[] = [];
    const groupId = scenario.newGroupId('consumer');
    scenario.startConsumer(groupId, async (event, transaction) => {
      received.push(event);
      await recordEffect(transaction, scenario.schema, groupId, event);
    });
    scenario.startRelay();

    await scenario.waitUntilConsumed(groupId, 1);
    await waitFor('the outbox to be emptied', async () => (await scenario.outboxSize()) === 0);

    expect(received.map((event) => event.envelope.id)).toEqual([written.envelope.id]);
    expect(received.map((event) => event.envelope.id)).not.toContain(rolledBack);
    await scenario.expectEachEventHandledOnce(groupId, [written.envelope.id]);
    expect(await scenario.dataSource.query(`SELECT case_id FROM "${scenario.schema}".submitted_cases`)).toEqual([{ case_id: caseId }]);

    const [{ message, envelope, body }] = received;
    expect(message.topic).toBe(scenario.event.topic);
    expect(message.key).toBe(caseId);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: written.envelope.id,
      ce_type: `ugov.${scenario.event.topic}`,
      ce_source: '/ugov/intake',
      ce_subject: caseId,
      ce_time: written.envelope.time.toISOString(),
      ce_correlationid: trace.correlationId,
      ce_causationid: trace.causationId,
      'content-type': 'application/protobuf',
      traceparent: expect.stringMatching(new RegExp(`^00-${trace.traceId}-[0-9a-f]{16}-01$`)),
    });
    expect(envelope).toEqual(written.envelope);
    expect(equals(scenario.event.schema, body, create(scenario.event.schema, written.body))).toBe(true);
    expect(body.caseId).toBe(caseId);
  });
});
