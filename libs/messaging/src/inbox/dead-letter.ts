import { deadLetterTopic } from '@ugov/contracts';
import { isStorableEnvelopeValue } from '../cloud-events';
import type { IncomingMessage, OutgoingMessage } from '../message-bus.port';

/** The headers a dead letter carries beside the original message's own. */
const HEADER = {
  error: 'dlq_error',
  errorType: 'dlq_error_type',
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  attempts: 'dlq_attempts',
  consumerGroup: 'dlq_consumer_group',
  /** On a replayed message: the dead letter it was replayed from, `<dlq topic>/<partition>@<offset>`. */
  replayOf: 'dlq_replay_of',
} as const;

const DEAD_LETTER_SUFFIX = deadLetterTopic('');
const MAX_ERROR_LENGTH = 2000;

/**
 * The id under which a consumer group's inbox remembers a message: its CloudEvents id, or, for a message too
 * broken to carry one the inbox can store (none, a NUL in it, too long for the index), where it was read.
 */
export function inboxEventIdOf(message: Pick<IncomingMessage, 'topic' | 'partition' | 'offset' | 'headers'>): string {
  const id = message.headers.ce_id;
  return isStorableEnvelopeValue(id) ? id : `${message.topic}/${message.partition}/${message.offset}`;
}

/** The message a consumer group sends to `<topic>.dlq` when it gives up on one: the original, plus why and where. */
export function deadLetterOf(message: IncomingMessage, error: Error, attempts: number, consumerGroup: string): OutgoingMessage {
  return {
    topic: deadLetterTopic(message.topic),
    key: message.key ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: {
      ...message.headers,
      [HEADER.error]: error.message.slice(0, MAX_ERROR_LENGTH),
      [HEADER.errorType]: error.name,
      [HEADER.originalTopic]: message.topic,
      [HEADER.originalPartition]: String(message.partition),
      [HEADER.originalOffset]: message.offset,
      [HEADER.attempts]: String(attempts),
      [HEADER.consumerGroup]: consumerGroup,
    },
  };
}

/** A message read from a dead-letter topic, as far as its headers can be trusted: anything may be missing or garbled. */
export interface DeadLetter {
  /** Where the dead letter itself sits. */
  readonly position: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly deadLetteredAt: Date;
  /** The `dlq_original_topic` header, or else the dead-letter topic's name without `.dlq`. */
  readonly originalTopic: string;
  readonly originalPartition: number | null;
  readonly originalOffset: string | null;
  readonly consumerGroup: string | null;
  /** The original's CloudEvents id (ce_id). */
  readonly eventId: string | null;
  readonly error: string | null;
  readonly errorType: string | null;
  readonly attempts: number | null;
  readonly replayOf: string | null;
  readonly key: string | null;
}

// PostgreSQL text cannot hold NUL, and a garbled header may contain anything.
const text = (value: string | undefined): string | null => (value ? value.replaceAll('\u0000', '') : null);
const wholeNumber = (value: string | undefined, max: bigint): string | null =>
  value && /^\d{1,19}$/.test(value) && BigInt(value) <= max ? value : null;
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MAX = 2n ** 63n - 1n;

export function readDeadLetter(message: IncomingMessage): DeadLetter {
  const h = message.headers;
  const partition = wholeNumber(h[HEADER.originalPartition], INT32_MAX);
  const attempts = wholeNumber(h[HEADER.attempts], INT32_MAX);
  const topicFromName = message.topic.endsWith(DEAD_LETTER_SUFFIX) ? message.topic.slice(0, -DEAD_LETTER_SUFFIX.length) : message.topic;
  return {
    position: { topic: message.topic, partition: message.partition, offset: message.offset },
    deadLetteredAt: message.timestamp,
    originalTopic: text(h[HEADER.originalTopic]) ?? topicFromName,
    originalPartition: partition === null ? null : Number(partition),
    originalOffset: wholeNumber(h[HEADER.originalOffset], INT64_MAX),
    consumerGroup: text(h[HEADER.consumerGroup]),
    eventId: text(h.ce_id),
    error: text(h[HEADER.error]),
    errorType: text(h[HEADER.errorType]),
    attempts: attempts === null ? null : Number(attempts),
    replayOf: text(h[HEADER.replayOf]),
    key: text(message.key ?? undefined),
  };
}

export function deadLetterPositionOf(deadLetter: Pick<DeadLetter, 'position'>): string {
  const { topic, partition, offset } = deadLetter.position;
  return `${topic}/${partition}@${offset}`;
}

/**
 * The original message again, for its original topic: same key, value and CloudEvents headers (so the same event
 * id), without the previous dead-lettering's headers, and with the dead letter it comes from.
 */
export function replayOf(message: IncomingMessage, deadLetter: DeadLetter): OutgoingMessage {
  const headers = Object.fromEntries(Object.entries(message.headers).filter(([name]) => !name.startsWith('dlq_')));
  return {
    topic: deadLetter.originalTopic,
    key: message.key ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers: { ...headers, [HEADER.replayOf]: deadLetterPositionOf(deadLetter) },
  };
}
