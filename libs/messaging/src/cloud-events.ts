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

function readEnvelope(message: IncomingMessage): EventEnvelope {
  const h = message.headers;
  for (const name of ['ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time']) {
    if (!h[name]) throw new MalformedEventError(`header ${name} is missing`);
  }
  const time = new Date(h.ce_time);
  if (Number.isNaN(time.getTime())) throw new MalformedEventError(`header ce_time is not a timestamp: ${h.ce_time}`);
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

export function decodeEvent<Def extends EventDefinition>(definition: Def, message: IncomingMessage): DecodedEvent<Def> {
  const envelope = readEnvelope(message);
  if (envelope.type !== definition.type) {
    throw new MalformedEventError(`expected ce_type ${definition.type}, got ${envelope.type}`);
  }
  if (!message.value) throw new MalformedEventError('message has no value');
  let body: EventBody<Def>;
  try {
    body = fromBinary(definition.schema, message.value) as EventBody<Def>;
  } catch (error) {
    throw new MalformedEventError(`value is not a ${definition.schema.typeName}: ${(error as Error).message}`);
  }
  return { envelope, body, message };
}

/** The context in which the consequences of an event run: same correlation and trace, caused by this event. */
export function contextOfEvent(envelope: EventEnvelope): TraceContext {
  return { correlationId: envelope.correlationId, causationId: envelope.id, traceId: traceIdOf(envelope.traceparent) ?? randomHex(16) };
}
