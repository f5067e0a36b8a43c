/**
 * A Kafka fetch response lists every partition the request asked for, with or without records, and kafkajs 2.2.4
 * makes each one a batch that goes through its worker queue: a partition assignment, a batch payload with two
 * offset-lag sums in Long arithmetic, a heartbeat call and a few promises, only to find the batch empty and return.
 * A consumer of many topics pays that for every partition on every fetch (supervision reads every topic: 180
 * partitions of six each). Here a fetch hands on only the batches with records, or with records that kafkajs
 * filtered out (control records, aborted transactions: those still resolve their offsets). When none is left,
 * the runner heartbeats as it does after an empty fetch. kafkajs is pinned, so the method wrapped here is the one
 * this was written against.
 */

interface BatchInternals {
  isEmpty(): boolean;
  isEmptyDueToFiltering(): boolean;
}

interface RunnerInternals {
  fetch(nodeId: number): Promise<BatchInternals[]>;
  heartbeat(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const Runner = require('kafkajs/src/consumer/runner') as { prototype: RunnerInternals };

/** Whether the runner has anything to do with a batch: records to hand over, or filtered ones whose offsets move on. */
export const batchHasRecords = (batch: BatchInternals): boolean => !batch.isEmpty() || batch.isEmptyDueToFiltering();

const fetchEveryPartition = Runner.prototype.fetch;

Runner.prototype.fetch = async function fetch(this: RunnerInternals, nodeId: number): Promise<BatchInternals[]> {
  const batches = await fetchEveryPartition.call(this, nodeId);
  const withRecords = batches.filter(batchHasRecords);
  // The original heartbeats after a fetch that returned no batch; one of empty batches is the same to the group.
  if (withRecords.length === 0 && batches.length > 0) await this.heartbeat();
  return withRecords;
};
