import { create, fromBinary, toBinary, type MessageInitShape } from '@bufbuild/protobuf';
import { randomUUID } from 'node:crypto';
import type { EventBody, EventDefinition } from '@ugov/contracts';
import { currentTraceContext, newTraceContext, newTraceparent, randomHex, traceIdOf, type TraceContext } from '@ugov/observability';
import type { IncomingMessage, OutgoingMessage } from './message-bus.port';

export const PROTOBUF_CONTENT_TYPE = 'application/protobuf';

/** The CloudEvents attributes of an event, plus our correlation and causation ids. */
export interface EventEnvelope {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject: string;
  readonly time: Date;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly traceparent: string;
}

/** An event ready for the outbox: the Kafka message and its envelope. */
export type EncodedEvent = OutgoingMessage & { readonly envelope: EventEnvelope };

export interface DecodedEvent<Def extends EventDefinition> {
  readonly envelope: EventEnvelope;
  readonly body: EventBody<Def>;
  readonly message: IncomingMessage;
}

/**
 * Builds the Kafka message of an event about one case, in CloudEvents binary mode.
 * The correlation and trace come from the work in progress (the HTTP request or the event being handled).
 */
export function encodeEvent<Def extends EventDefinition>(
  definition: Def,
  caseId: string,
  body: MessageInitShape<Def['schema']>,
  context: TraceContext = currentTraceContext() ?? newTraceContext(),
  time: Date = new Date(),
): EncodedEvent {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type: definition.type,
    source: definition.source,
    subject: caseId,
    time,
    correlationId: context.correlationId,
    causationId: context.causationId,
    traceparent: newTraceparent(context.traceId),
  };
  const headers: Record<string, string> = {
    ce_specversion: '1.0',
    ce_id: envelope.id,
    ce_type: envelope.type,
    ce_source: envelope.source,
    ce_subject: caseId,
    ce_time: time.toISOString(),
    ce_correlationid: envelope.correlationId,
    'content-type': PROTOBUF_CONTENT_TYPE,
    traceparent: envelope.traceparent,
  };
  if (envelope.causationId) headers.ce_causationid = envelope.causationId;
  const value = toBinary(definition.schema, create(definition.schema, body));
  return { topic: definition.topic, key: caseId, value, headers, envelope };
}

export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

/** Ids, subject, source and type: what the inbox and the timeline store, so nothing PostgreSQL would refuse (NUL, a huge key). */
const ENVELOPE_VALUE = /^[\x21-\x7e]{1,200}$/;

/** Whether a CloudEvents id, subject, source or type can be stored as it is: 1 to 200 visible ASCII characters. */
export const isStorableEnvelopeValue = (value: string | undefined): value is string => value !== undefined && ENVELOPE_VALUE.test(value);
/** CloudEvents `time` is an RFC 3339 timestamp. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function readEnvelope(message: IncomingMessage): EventEnvelope {
  const h = message.headers;
  if (h.ce_specversion !== '1.0') throw new MalformedEventError(`header ce_specversion must be 1.0, got ${h.ce_specversion ?? 'none'}`);
  if (h['content-type'] !== PROTOBUF_CONTENT_TYPE)
    throw new MalformedEventError(`header content-type must be ${PROTOBUF_CONTENT_TYPE}, got ${h['content-type'] ?? 'none'}`);
  for (const name of ['ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time']) {
    if (!h[name]) throw new MalformedEventError(`header ${name} is missing`);
  }
  for (const name of ['ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_correlationid', 'ce_causationid']) {
    if (h[name] !== undefined && !isStorableEnvelopeValue(h[name]))
      throw new MalformedEventError(`header ${name} must be 1 to 200 visible ASCII characters`);
  }
  const time = new Date(h.ce_time);
  if (!RFC3339.test(h.ce_time) || Number.isNaN(time.getTime()))
    throw new MalformedEventError(`header ce_time is not an RFC 3339 timestamp: ${h.ce_time}`);
  return {
    id: h.ce_id,
    type: h.ce_type,
    source: h.ce_source,
    subject: h.ce_subject,
    time,
    correlationId: h.ce_correlationid || h.ce_id,
    causationId: h.ce_causationid,
    traceparent: h.traceparent ?? '',
  };
}

/**
 * Reads an event of the given type, or throws MalformedEventError (which is dead-lettered at once, never retried):
 * CloudEvents headers of this type, the case id as key and subject, a value that is a protobuf of this type and
 * tells of the same case.
 */
export function decodeEvent<Def extends EventDefinition>(definition: Def, message: IncomingMessage): DecodedEvent<Def> {
  const envelope = readEnvelope(message);
  if (envelope.type !== definition.type) {
    throw new MalformedEventError(`expected ce_type ${definition.type}, got ${envelope.type}`);
  }
  if (message.key !== envelope.subject)
    throw new MalformedEventError(`the key must be the subject ${envelope.subject}, got ${message.key ?? 'none'}`);
  if (!message.value?.length) throw new MalformedEventError('message has no value');
  let body: EventBody<Def>;
  try {
    body = fromBinary(definition.schema, message.value) as EventBody<Def>;
  } catch (error) {
    throw new MalformedEventError(`value is not a ${definition.schema.typeName}: ${(error as Error).message}`);
  }
  const caseId = (body as { caseId?: unknown }).caseId;
  if (caseId !== undefined && caseId !== envelope.subject) {
    throw new MalformedEventError(`value is about case "${String(caseId)}", not the subject ${envelope.subject}`);
  }
  return { envelope, body, message };
}

/** The context in which the consequences of an event run: same correlation and trace, caused by this event. */
export function contextOfEvent(envelope: EventEnvelope): TraceContext {
  return { correlationId: envelope.correlationId, causationId: envelope.id, traceId: traceIdOf(envelope.traceparent) ?? randomHex(16) };
}
