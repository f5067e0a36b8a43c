import type { DataSource } from 'typeorm';
import { TRACKING_NUMBER_BLOCK, TrackingNumberAllocator } from './tracking-number.allocator';

/** A sequence that, like intake.tracking_number_seq, advances by a whole block per call. */
function sequence() {
  let value = 1 - TRACKING_NUMBER_BLOCK;
  const calls = { count: 0 };
  const dataSource = {
    query: async () => {
      calls.count++;
      value += TRACKING_NUMBER_BLOCK;
      return [{ start: String(value) }];
    },
  } as unknown as DataSource;
  return { calls, allocator: new TrackingNumberAllocator(dataSource) };
}

describe('TrackingNumberAllocator', () => {
  it('hands out a block of numbers per sequence call, and the next block when it runs out', async () => {
    const { calls, allocator } = sequence();
    expect(await allocator.take(3)).toEqual([1, 2, 3]);
    const rest = await allocator.take(TRACKING_NUMBER_BLOCK);
    expect(rest[0]).toBe(4);
    expect(rest[rest.length - 1]).toBe(TRACKING_NUMBER_BLOCK + 3);
    expect(calls.count).toBe(2);
  });

  it('never hands out a number twice to callers asking at the same time', async () => {
    const { calls, allocator } = sequence();
    const taken = (await Promise.all(Array.from({ length: 30 }, () => allocator.take(7)))).flat();
    expect(new Set(taken).size).toBe(210);
    expect(calls.count).toBe(3);
  });
});
