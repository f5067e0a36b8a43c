/** A message as it goes to the broker: key = case id, value = protobuf binary, CloudEvents headers. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

/** A message as it comes from the broker, with where it was read. */
export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  /** The record's Kafka timestamp: when it was produced. */
  readonly timestamp: Date;
}

export interface SubscriptionOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** How many partitions are handled at once; messages of one partition are always handled in order. */
  readonly concurrency?: number;
  /**
   * Handles consecutive messages of one partition, in order. Resolves when all are done with; their offsets
   * are committed only after that. Rejecting redelivers them.
   */
  readonly handle: (messages: readonly IncomingMessage[], heartbeat: () => Promise<void>) => Promise<void>;
}

export interface Subscription {
  /** Stops fetching, waits for in-flight handlers, commits their offsets and leaves the group. */
  stop(): Promise<void>;
}

/** The broker refused messages for their size: sent alone, such a message can never be published. */
export class MessageTooLargeError extends Error {
  override readonly name = 'MessageTooLargeError';
}

/**
 * The messaging port. Services and the outbox/inbox talk to this, never to a client library,
 * so the broker client can be replaced in one place.
 */
export abstract class MessageBus {
  /**
   * Publishes in order, waiting for all in-sync replicas (acks=-1), in one request: the caller keeps it within
   * maxRequestBytes. The topics are made first, and served, if they are not yet (see ensureTopics). Throws MessageTooLargeError if the broker refuses the messages for their size, another
   * error if the broker is unreachable.
   */
  abstract publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /** The most bytes of messages (see messageSizeOf) one publish should carry. */
  abstract readonly maxRequestBytes: number;
  /** Joins the consumer group in the background, retrying until the broker is reachable. */
  abstract subscribe(options: SubscriptionOptions): Subscription;
  /** Creates the topics that are missing and waits until every partition is served. */
  abstract ensureTopics(topics: readonly string[]): Promise<void>;
  abstract isReachable(): Promise<boolean>;
  abstract close(): Promise<void>;
}

/** Bytes a message takes in a produce request: key, value and headers, plus the record's framing. */
export function messageSizeOf(message: OutgoingMessage): number {
  let size = 32 + Buffer.byteLength(message.key) + message.value.byteLength;
  for (const [name, value] of Object.entries(message.headers)) size += 8 + Buffer.byteLength(name) + Buffer.byteLength(value);
  return size;
}

export interface ReadTopicOptions {
  /** Start at each partition's first message produced at or after this time; without it, at the partition's start. */
  readonly since?: Date;
  /** Gets consecutive messages of one partition, in order; a rejection ends the read with that error. */
  readonly handle: (messages: readonly IncomingMessage[]) => Promise<void>;
}

/** The topic does not exist on the broker. */
export class UnknownTopicError extends Error {
  override readonly name = 'UnknownTopicError';

  constructor(readonly topic: string) {
    super(`topic ${topic} does not exist`);
  }
}

/**
 * Reads a topic's history once, as tooling does (a dead-letter replay, say), rather than following it as a
 * consumer group does. A port beside MessageBus, so that services and their test doubles need not offer it.
 */
export abstract class TopicHistory {
  /**
   * Hands over what the topic holds when the call starts, from `since` (or the start) to its end then; messages
   * arriving later are not read. Commits nothing anywhere. Throws UnknownTopicError if the topic does not exist.
   */
  abstract readTopic(topic: string, options: ReadTopicOptions): Promise<void>;
}
