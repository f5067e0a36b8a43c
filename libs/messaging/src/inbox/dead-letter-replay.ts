import type { QueryRunner } from 'typeorm';
import { deadLetterTopic } from '@ugov/contracts';
import type { IncomingMessage, MessageBus, TopicHistory } from '../message-bus.port';
import { readDeadLetter, replayOf, type DeadLetter } from './dead-letter';

/**
 * - replayed: recorded, the group's inbox row marked 'replay-requested', and the message put back on its topic;
 * - resumed: an earlier run recorded it and stopped before putting it back; put back now;
 * - already-replayed: an earlier run replayed it;
 * - already-handled: the group has handled the event since (a later copy of it got through);
 * - not-replayable: see the reason.
 */
export type ReplayOutcome = 'replayed' | 'resumed' | 'already-replayed' | 'already-handled' | 'not-replayable';

export interface ReplayOfOneDeadLetter {
  readonly outcome: ReplayOutcome;
  readonly deadLetter: DeadLetter;
  readonly reason?: string;
}

export class ReplayInProgressError extends Error {
  override readonly name = 'ReplayInProgressError';
}

/**
 * Puts the dead letters of a topic back on it, so that the consumer group that gave up on each handles it again,
 * and records each replay in that group's schema.
 *
 * How the group recognises a replay: in the transaction that records the replay, the group's inbox row of the event
 * goes from 'dead-lettered' to 'replay-requested'; only after that commits is the message published. The inbox
 * consumer claims a 'replay-requested' row as if the event were new; every other group finds its own row
 * ('processed') and sees a duplicate. The mark, not a header, decides: a header would be on the message for every
 * group and for good, so a redelivery of the replayed message would be handled again; the mark is used up by the
 * one handling that commits, and it exists only if the replay was recorded.
 *
 * Idempotent: the record is keyed by the dead letter's position, so a second run finds it and skips it. A run that
 * stopped between recording and publishing left a record without `published_at`; the next run publishes it.
 */
export class DeadLetterReplay {
  private readonly inboxSchemas = new Map<string, string | { readonly problem: string }>();

  constructor(
    /** One connection: it holds the session lock that keeps two replays of one topic apart. */
    private readonly runner: QueryRunner,
    private readonly bus: MessageBus & TopicHistory,
  ) {}

  /** Replays what `<topic>.dlq` holds now, from `since` (or its start), telling `onEach` about every dead letter. */
  async replay(topic: string, since: Date | undefined, onEach: (result: ReplayOfOneDeadLetter) => void): Promise<void> {
    const dlqTopic = deadLetterTopic(topic);
    const [{ locked }] = await this.runner.query(`SELECT pg_try_advisory_lock(hashtext('ugov.dlq-replay'), hashtext($1)) AS locked`, [
      dlqTopic,
    ]);
    if (!locked) throw new ReplayInProgressError(`another replay of ${dlqTopic} is running against this database`);
    try {
      await this.bus.readTopic(dlqTopic, {
        since,
        handle: async (messages) => {
          for (const message of messages) onEach(await this.replayOne(topic, message));
        },
      });
    } finally {
      await this.runner.query(`SELECT pg_advisory_unlock(hashtext('ugov.dlq-replay'), hashtext($1))`, [dlqTopic]);
    }
  }

  private async replayOne(topic: string, message: IncomingMessage): Promise<ReplayOfOneDeadLetter> {
    const deadLetter = readDeadLetter(message);
    const notReplayable = (reason: string): ReplayOfOneDeadLetter => ({ outcome: 'not-replayable', deadLetter, reason });
    const { consumerGroup, eventId } = deadLetter;
    if (!consumerGroup) return notReplayable('no dlq_consumer_group header: no inbox consumer dead-lettered it');
    // An inbox consumer refuses a message without ce_id, however often it comes back.
    if (!eventId) return notReplayable('no ce_id header: no consumer can ever handle it');
    if (deadLetter.originalTopic !== topic) return notReplayable(`its dlq_original_topic header names ${deadLetter.originalTopic}`);
    const schema = await this.inboxSchemaOf(consumerGroup);
    if (typeof schema !== 'string') return notReplayable(schema.problem);

    const outcome = await this.recordAndMark(schema, deadLetter, consumerGroup, eventId);
    if (outcome === 'replayed' || outcome === 'resumed') {
      const replay = replayOf(message, deadLetter);
      await this.bus.publish([replay]);
      await this.runner.query(
        `UPDATE "${schema}".dead_letter_replays SET published_at = now() WHERE dlq_topic = $1 AND dlq_partition = $2 AND dlq_offset = $3`,
        [deadLetter.position.topic, deadLetter.position.partition, deadLetter.position.offset],
      );
    }
    return { outcome, deadLetter };
  }

  /** One transaction: the record of the replay, and the mark on the group's inbox row that makes the group handle it. */
  private async recordAndMark(schema: string, deadLetter: DeadLetter, consumerGroup: string, eventId: string): Promise<ReplayOutcome> {
    const { position } = deadLetter;
    await this.runner.startTransaction();
    try {
      const recorded: unknown[] = await this.runner.query(
        `INSERT INTO "${schema}".dead_letter_replays
           (dlq_topic, dlq_partition, dlq_offset, consumer_group, event_id, original_topic, original_partition, original_offset,
            error, dead_lettered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING 1`,
        [
          position.topic,
          position.partition,
          position.offset,
          consumerGroup,
          eventId,
          deadLetter.originalTopic,
          deadLetter.originalPartition,
          deadLetter.originalOffset,
          deadLetter.error,
          deadLetter.deadLetteredAt,
        ],
      );
      if (recorded.length === 0) {
        const [earlier]: { published: boolean }[] = await this.runner.query(
          `SELECT published_at IS NOT NULL AS published FROM "${schema}".dead_letter_replays
            WHERE dlq_topic = $1 AND dlq_partition = $2 AND dlq_offset = $3`,
          [position.topic, position.partition, position.offset],
        );
        await this.runner.commitTransaction();
        return earlier.published ? 'already-replayed' : 'resumed';
      }
      // No row: the dead-letter topic got the message but the consumer stopped before writing its row.
      const marked: unknown[] = await this.runner.query(
        `INSERT INTO "${schema}".inbox AS inbox (consumer_group, event_id, topic, kafka_partition, kafka_offset, outcome)
         VALUES ($1, $2, $3, $4, $5, 'replay-requested')
         ON CONFLICT (consumer_group, event_id) DO UPDATE SET outcome = 'replay-requested', handled_at = now()
           WHERE inbox.outcome IN ('dead-lettered', 'replay-requested')
         RETURNING 1`,
        [consumerGroup, eventId, deadLetter.originalTopic, deadLetter.originalPartition ?? -1, deadLetter.originalOffset ?? -1],
      );
      if (marked.length === 0) {
        // Nothing to replay, so nothing to record: the transaction's record goes too.
        await this.runner.rollbackTransaction();
        return 'already-handled';
      }
      await this.runner.commitTransaction();
      return 'replayed';
    } catch (error) {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
      throw error;
    }
  }

  /** The schema whose inbox holds the group's rows: each service's consumer group keeps its inbox in the service's schema. */
  private async inboxSchemaOf(consumerGroup: string): Promise<string | { readonly problem: string }> {
    const known = this.inboxSchemas.get(consumerGroup);
    if (known) return known;
    const inboxes: { schema: string; replays: boolean }[] = await this.runner.query(
      `SELECT table_schema AS schema, to_regclass(format('%I.dead_letter_replays', table_schema)) IS NOT NULL AS replays
         FROM information_schema.tables WHERE table_name = 'inbox' ORDER BY table_schema`,
    );
    const holding: { schema: string; replays: boolean }[] = [];
    for (const inbox of inboxes) {
      const [{ found }] = await this.runner.query(
        `SELECT EXISTS (SELECT 1 FROM "${inbox.schema}".inbox WHERE consumer_group = $1) AS found`,
        [consumerGroup],
      );
      if (found) holding.push(inbox);
    }
    let schema: string | { readonly problem: string };
    if (holding.length === 0) schema = { problem: `no inbox in this database has rows of consumer group ${consumerGroup}` };
    else if (holding.length > 1)
      schema = { problem: `the inboxes of ${holding.map((inbox) => inbox.schema).join(', ')} all have rows of ${consumerGroup}` };
    else if (!holding[0].replays)
      schema = { problem: `schema ${holding[0].schema} has no dead_letter_replays table yet: run its migrations (npm run db:migrate)` };
    else schema = holding[0].schema;
    this.inboxSchemas.set(consumerGroup, schema);
    return schema;
  }
}
