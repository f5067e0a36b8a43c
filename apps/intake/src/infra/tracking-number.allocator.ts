import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Must equal the INCREMENT BY of intake.tracking_number_seq (migration 1763800000001). */
export const TRACKING_NUMBER_BLOCK = 100;

/**
 * Hands out tracking-number sequence values from blocks of 100 taken from the database sequence, so
 * writing a case costs no round trip for its number. Numbers are never reused; a restart leaves a gap,
 * and two intake instances interleave blocks (numbers are unique, not strictly in acceptance order).
 */
@Injectable()
export class TrackingNumberAllocator {
  private next = 0;
  private end = 0;
  private refill: Promise<void> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async take(count: number): Promise<number[]> {
    const taken: number[] = [];
    while (taken.length < count) {
      if (this.next >= this.end) await this.takeBlock();
      else taken.push(this.next++);
    }
    return taken;
  }

  private takeBlock(): Promise<void> {
    this.refill ??= (async () => {
      try {
        const [{ start }]: { start: string }[] = await this.dataSource.query(`SELECT nextval('intake.tracking_number_seq') AS start`);
        this.next = Number(start);
        this.end = this.next + TRACKING_NUMBER_BLOCK;
      } finally {
        this.refill = undefined;
      }
    })();
    return this.refill;
  }
}
