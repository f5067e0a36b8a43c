import { randomBytesFromBlock, randomHex } from './random-block';

describe('randomBytesFromBlock', () => {
  it('hands out bytes that later calls never overwrite, across blocks', () => {
    const handedOut = Array.from({ length: 1000 }, () => randomBytesFromBlock(12));
    const copies = handedOut.map((bytes) => Buffer.from(bytes));
    randomBytesFromBlock(10_000);
    handedOut.forEach((bytes, index) => expect(bytes.equals(copies[index])).toBe(true));
    expect(new Set(copies.map((bytes) => bytes.toString('hex'))).size).toBe(1000);
  });

  it('gives exactly the bytes asked for, more than a block too', () => {
    expect(randomBytesFromBlock(12)).toHaveLength(12);
    expect(randomBytesFromBlock(5000)).toHaveLength(5000);
    expect(randomHex(8)).toMatch(/^[0-9a-f]{16}$/);
  });
});
