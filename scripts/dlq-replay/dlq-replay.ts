/**
 * `npm run dlq:replay -- --topic <topic> [--since <time>]`: puts the dead letters of `<topic>.dlq` back on <topic>,
 * so that the consumer group that gave up on each handles it again, records each replay in that group's schema,
 * and prints what it did. Running it again replays nothing twice. See DeadLetterReplay for how it works.
 *
 * Exit codes: 0 done (the summary says what was skipped and why), 1 it could not finish, 2 bad arguments or settings.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { allEventParkedNotices, allEvents, allReferenceEvents, deadLetterTopic } from '@ugov/contracts';
import {
  deadLetterPositionOf,
  DeadLetterReplay,
  KafkaMessageBus,
  ReplayInProgressError,
  UnknownTopicError,
  type ReplayOfOneDeadLetter,
  type ReplayOutcome,
} from '@ugov/messaging';
import { ConfigError, loadInfrastructureConfig } from '@ugov/platform';
import { ArgumentError, parseReplayArguments, USAGE, type ReplayArguments } from './replay-arguments';

const OUTCOME_LINES: Record<ReplayOutcome, string> = {
  replayed: 'replayed',
  resumed: 'replayed, left unpublished by an earlier run',
  'already-replayed': 'skipped, replayed before',
  'already-handled': 'skipped, its group handled the event since',
  'not-replayable': 'skipped, not replayable',
};

class Summary {
  private readonly counts = new Map<ReplayOutcome, number>(Object.keys(OUTCOME_LINES).map((outcome) => [outcome as ReplayOutcome, 0]));
  private readonly replayedPerGroup = new Map<string, number>();

  add({ outcome, deadLetter, reason }: ReplayOfOneDeadLetter): void {
    this.counts.set(outcome, this.counts.get(outcome)! + 1);
    const where = deadLetterPositionOf(deadLetter);
    const event = deadLetter.eventId ?? 'no event id';
    if (outcome === 'replayed' || outcome === 'resumed') {
      const group = deadLetter.consumerGroup!;
      this.replayedPerGroup.set(group, (this.replayedPerGroup.get(group) ?? 0) + 1);
      console.log(`  ${where}  event ${event} → ${deadLetter.originalTopic}, for ${group}`);
    } else if (outcome === 'not-replayable') {
      console.log(`  ${where}  event ${event}: not replayable, ${reason}`);
    }
  }

  print(): void {
    const total = [...this.counts.values()].reduce((sum, count) => sum + count, 0);
    console.log(`${total} dead letter(s) read`);
    const width = Math.max(...Object.values(OUTCOME_LINES).map((line) => line.length));
    for (const [outcome, line] of Object.entries(OUTCOME_LINES)) {
      console.log(`  ${`${line}:`.padEnd(width + 1)} ${this.counts.get(outcome as ReplayOutcome)}`);
    }
    for (const [group, count] of this.replayedPerGroup) console.log(`  replayed for ${group}: ${count}`);
  }
}

async function replay({ topic, since }: ReplayArguments): Promise<void> {
  const config = loadInfrastructureConfig();
  const bus = new KafkaMessageBus({
    brokers: config.kafkaBrokers,
    clientId: 'ugov-dlq-replay',
    topicPrefix: config.kafkaTopicPrefix,
    topicPartitions: config.topicPartitions,
    security: config.kafkaSecurity,
  });
  const dataSource = new DataSource({ type: 'postgres', url: config.databaseUrl, applicationName: 'ugov-dlq-replay', extra: { max: 1 } });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    console.log(`replaying ${deadLetterTopic(topic)} → ${topic}, ${since ? `from ${since.toISOString()}` : 'from its start'}`);
    const summary = new Summary();
    try {
      await new DeadLetterReplay(runner, bus).replay(topic, since, (result) => summary.add(result));
    } finally {
      summary.print();
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
    await bus.close();
  }
}

function stop(code: number, message: string): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  // The Kafka client's warnings and errors still show; its progress notes would drown the summary.
  Logger.overrideLogger(['error', 'warn']);
  let parsed: ReplayArguments | 'help';
  try {
    parsed = parseReplayArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ArgumentError) stop(2, `dlq:replay: ${error.message.replace(/\n/g, '\ndlq:replay: ')}\n\n${USAGE}`);
    throw error;
  }
  if (parsed === 'help') return console.log(USAGE);
  const { topic } = parsed;
  try {
    await replay(parsed);
  } catch (error) {
    if (error instanceof ConfigError) stop(2, `dlq:replay: ${error.message}`);
    if (error instanceof UnknownTopicError) {
      const registered = [...allEvents, ...allReferenceEvents, ...allEventParkedNotices].some((definition) => definition.topic === topic);
      if (registered) return console.log(`${deadLetterTopic(topic)} does not exist: nothing was ever dead-lettered there`);
      stop(2, `dlq:replay: --topic: there is no ${deadLetterTopic(topic)}, and ${topic} is not a topic of the event registry`);
    }
    if (error instanceof ReplayInProgressError) stop(1, `dlq:replay: ${error.message}; try again when it is done`);
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => stop(1, `dlq:replay failed: ${error.stack ?? error.message}`),
);
