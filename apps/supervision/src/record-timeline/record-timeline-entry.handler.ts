import { Injectable, Optional } from '@nestjs/common';
import { allEvents, type EventDefinition } from '@ugov/contracts';
import type { DecodedEvent } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import { UpdateSlaClocksHandler } from '../update-sla-clocks/update-sla-clocks.handler';
import { RecordEvaluationsAndFollowUpsHandler } from '../record-evaluation/record-evaluations-and-follow-ups.handler';
import { RecordCaseFiguresHandler } from '../record-case-figures/record-case-figures.handler';
import { chainAfter, digestOfEventBytes, type AuditedContent, type ChainLink } from '../domain/audit-chain';
import { timelineDetailsOf } from './timeline-details';

const serviceOfType = new Map(allEvents.map((definition) => [definition.type, definition.service]));

type ChainedEntry = AuditedContent & ChainLink;

const insertEntries = insertRows<ChainedEntry>(
  'supervision.timeline_entries',
  [
    { name: 'event_id', type: 'text', value: (entry) => entry.eventId },
    { name: 'case_id', type: 'uuid', value: (entry) => entry.caseId },
    { name: 'event_type', type: 'text', value: (entry) => entry.eventType },
    { name: 'service', type: 'text', value: (entry) => entry.service },
    { name: 'source', type: 'text', value: (entry) => entry.source },
    { name: 'occurred_at', type: 'timestamptz', value: (entry) => entry.occurredAt },
    { name: 'recorded_at', type: 'timestamptz', value: (entry) => entry.recordedAt },
    { name: 'correlation_id', type: 'text', value: (entry) => entry.correlationId },
    { name: 'causation_id', type: 'text', value: (entry) => entry.causationId },
    { name: 'details', type: 'jsonb', value: (entry) => entry.details },
    { name: 'event_digest', type: 'bytea', value: (entry) => entry.eventDigest },
    { name: 'chain_seq', type: 'bigint', value: (entry) => entry.seq },
    { name: 'previous_hash', type: 'bytea', value: (entry) => entry.previousHash },
    { name: 'entry_hash', type: 'bytea', value: (entry) => entry.entryHash },
  ],
  'ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
);
const HEAD_PARAMETER = insertEntries.parameter + 1;
/** The rows and the new head in one statement. */
const APPEND_TO_CHAIN = `WITH inserted AS (${insertEntries.text})
  UPDATE supervision.audit_chain_head SET seq = $${HEAD_PARAMETER}, entry_hash = $${HEAD_PARAMETER + 1}
  RETURNING (SELECT count(*) FROM inserted)::int AS inserted`;
/** Takes the chain's one lock, held to the end of the transaction: concurrent consumers append one after the other. */
const LOCK_HEAD = 'SELECT seq, entry_hash FROM supervision.audit_chain_head FOR UPDATE';
/** Run once the lock is held, so that it sees what the transaction that held it before committed. */
const ALREADY_RECORDED = 'SELECT event_id FROM supervision.timeline_entries WHERE event_id = ANY($1::text[])';

/** Cannot happen while the lock is taken first; if it does, the transaction is rolled back and the batch tried again. */
export class AuditChainRaceError extends Error {}

/**
 * Appends the hops the events report to their cases' timelines and links each into the audit chain, under one
 * lock for the whole batch; a redelivered event is already there and is not chained twice. The SLA clocks move
 * with the newly recorded hops, in the same transaction: a clock never runs on an event the timeline lacks.
 */
@Injectable()
export class RecordTimelineEntryHandler {
  constructor(
    private readonly clocks: UpdateSlaClocksHandler,
    private readonly evaluations: RecordEvaluationsAndFollowUpsHandler,
    // Optional for the specs that build a handler of their own to test the chain or the clocks alone.
    @Optional() private readonly figures?: RecordCaseFiguresHandler,
  ) {}

  async execute(events: readonly DecodedEvent<EventDefinition>[], transaction: Sql): Promise<void> {
    const recordedAt = new Date();
    const [head]: { seq: string; entry_hash: Buffer }[] = await transaction.query(LOCK_HEAD);
    const recorded: { event_id: string }[] = await transaction.query(ALREADY_RECORDED, [events.map(({ envelope }) => envelope.id)]);
    const seen = new Set(recorded.map((row) => row.event_id));
    const contents: AuditedContent[] = [];
    const fresh: DecodedEvent<EventDefinition>[] = [];
    for (const event of events) {
      const { envelope, body, message } = event;
      if (seen.has(envelope.id)) continue;
      seen.add(envelope.id);
      fresh.push(event);
      contents.push({
        eventId: envelope.id,
        caseId: envelope.subject,
        eventType: envelope.type,
        service: serviceOfType.get(envelope.type) ?? 'unknown',
        source: envelope.source,
        occurredAt: envelope.time,
        recordedAt,
        correlationId: envelope.correlationId,
        causationId: envelope.causationId ?? null,
        details: timelineDetailsOf(envelope.type, body),
        eventDigest: digestOfEventBytes(message.value),
      });
    }
    if (contents.length === 0) return;
    const links = chainAfter({ seq: Number(head.seq), entryHash: head.entry_hash }, contents);
    const entries = contents.map((content, index) => ({ ...content, ...links[index] }));
    const last = links[links.length - 1];
    const [{ inserted }]: { inserted: number }[] = await transaction.query(APPEND_TO_CHAIN, [
      insertEntries.parameterOf(entries),
      last.seq,
      last.entryHash,
    ]);
    if (inserted !== entries.length)
      throw new AuditChainRaceError(`${entries.length - inserted} event(s) of the batch were recorded meanwhile`);
    await this.clocks.execute(contents, transaction, recordedAt);
    await this.evaluations.execute(contents, transaction, recordedAt);
    await this.figures?.execute(fresh, transaction, recordedAt);
  }
}
