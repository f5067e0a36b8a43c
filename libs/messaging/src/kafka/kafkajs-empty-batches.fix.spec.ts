import { batchHasRecords } from './kafkajs-empty-batches.fix';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Batch = require('kafkajs/src/consumer/batch') as new (
  topic: string,
  fetchedOffset: string,
  partitionData: object,
) => {
  readonly partition: number;
  isEmpty(): boolean;
  isEmptyDueToFiltering(): boolean;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Runner = require('kafkajs/src/consumer/runner') as {
  prototype: { fetch(this: object, nodeId: number): Promise<InstanceType<typeof Batch>[]> };
};

const record = (offset: string, isControlRecord = false) => ({ offset, key: null, value: Buffer.from('x'), headers: {}, isControlRecord });
const batch = (partition: number, messages: object[], fetchedOffset = '0') =>
  new Batch('t', fetchedOffset, { partition, highWatermark: '10', abortedTransactions: [], messages });

/** The state Runner.fetch reads, with the consumer group's fetch answering `batches`. */
function runnerFetching(batches: InstanceType<typeof Batch>[]) {
  const heartbeat = jest.fn(async () => undefined);
  const runner = {
    running: true,
    logger: { debug: () => undefined },
    instrumentationEmitter: { emit: () => undefined },
    consumerGroup: { groupId: 'g', memberId: 'm', fetch: async () => batches },
    heartbeat,
  };
  return { fetch: () => Runner.prototype.fetch.call(runner, 1), heartbeat };
}

describe('kafkajs fetches hand on only the partitions with records', () => {
  it('drops the empty partitions of a fetch and keeps the others in order, without an extra heartbeat', async () => {
    const { fetch, heartbeat } = runnerFetching([
      batch(0, []),
      batch(1, [record('3')]),
      batch(2, []),
      batch(3, [record('0'), record('1')]),
    ]);
    expect((await fetch()).map((kept) => kept.partition)).toEqual([1, 3]);
    expect(heartbeat).not.toHaveBeenCalled();
  });

  it('keeps a partition whose records were all filtered out, so that its offset still moves on', async () => {
    const onlyControl = batch(4, [record('5', true)]);
    expect(onlyControl.isEmpty()).toBe(true);
    expect(batchHasRecords(onlyControl)).toBe(true);
    const { fetch } = runnerFetching([batch(0, []), onlyControl]);
    expect((await fetch()).map((kept) => kept.partition)).toEqual([4]);
  });

  it('heartbeats once after a fetch of empty partitions only, as after an empty fetch', async () => {
    const { fetch, heartbeat } = runnerFetching([batch(0, []), batch(1, []), batch(2, [])]);
    expect(await fetch()).toEqual([]);
    expect(heartbeat).toHaveBeenCalledTimes(1);
  });
});
