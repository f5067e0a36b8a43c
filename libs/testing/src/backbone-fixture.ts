import { randomBytes } from 'node:crypto';
import type { MessageInitShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { CaseSubmittedSchema, CaseType, Channel, timestampFromDate, type EventDefinition } from '@ugov/contracts';
import { createDeadLetterReplaysSql, createOutboxAndInboxSql, createParkedOutboxAndClaimSql, type DecodedEvent } from '@ugov/messaging';

/**
 * What the event-backbone tests (test/backbone) and their worker process (backbone-worker.ts) share:
 * an event type of its own per test, the tables the test schema holds, and the effect a consumer records.
 */

export type BackboneEvent = EventDefinition<typeof CaseSubmittedSchema>;

/** A case-submitted event on a topic no other test uses, so that tests never see each other's messages. */
export function backboneEvent(topic = `test.${randomBytes(6).toString('hex')}.case-submitted.v1`): BackboneEvent {
  // Same shape as defineEvent(): decodeEvent checks ce_type against it.
  return { topic, type: `ugov.${topic}`, source: '/ugov/intake', service: 'intake', schema: CaseSubmittedSchema };
}

export function backboneSchemaSql(schema: string): string[] {
  return [
    ...createOutboxAndInboxSql(schema),
    ...createParkedOutboxAndClaimSql(schema),
    ...createDeadLetterReplaysSql(schema),
    // No unique constraint on purpose: an effect applied twice shows up as a second row.
    `CREATE TABLE "${schema}".effects (
       consumer_group text NOT NULL,
       event_id text NOT NULL,
       case_id text NOT NULL,
       recorded_at timestamptz NOT NULL DEFAULT now()
     )`,
    // Which relay published how much, so a test can see that two relays really shared the work.
    `CREATE TABLE "${schema}".relay_publications (
       relay_name text NOT NULL,
       events integer NOT NULL
     )`,
  ];
}

/** The consumer's effect: one row per handled event, written in the inbox transaction. */
export async function recordEffect(
  transaction: Pick<EntityManager, 'query'>,
  schema: string,
  groupId: string,
  event: DecodedEvent<BackboneEvent>,
): Promise<void> {
  await transaction.query(`INSERT INTO "${schema}".effects (consumer_group, event_id, case_id) VALUES ($1, $2, $3)`, [
    groupId,
    event.envelope.id,
    event.body.caseId,
  ]);
}

/** A submitted case whose description carries its position among the events of its case. */
export function caseSubmittedBody(caseId: string, sequence = 0): MessageInitShape<typeof CaseSubmittedSchema> {
  return {
    caseId,
    trackingNumber: `T-${caseId}`,
    type: CaseType.COMPLAINT,
    channel: Channel.WEB_PORTAL,
    description: `sequence ${sequence}`,
    categoryCode: 'urban.noise',
    location: { regionCode: '430102', address: '1 Furong Road' },
    submittedAt: timestampFromDate(new Date()),
  };
}

export function sequenceOf(body: { readonly description: string }): number {
  const match = /^sequence (\d+)$/.exec(body.description);
  if (!match) throw new Error(`not a backbone test body: ${body.description}`);
  return Number(match[1]);
}
