import type { IncomingMessage, OutgoingMessage } from '../message-bus.port';
import { deadLetterOf, inboxEventIdOf, readDeadLetter, replayOf } from './dead-letter';

const original: IncomingMessage = {
  topic: 'intake.case-submitted.v1',
  partition: 4,
  offset: '17',
  key: 'case-1',
  value: Buffer.from([1, 2, 3]),
  headers: { ce_id: 'event-1', ce_type: 'ugov.intake.case-submitted.v1', traceparent: '00-abc-def-01' },
  timestamp: new Date('2025-03-01T08:00:00Z'),
};

/** The outgoing message as the broker hands it back, read from `partition`@`offset`. */
function asRead(message: OutgoingMessage, partition: number, offset: string, timestamp: Date): IncomingMessage {
  return { ...message, partition, offset, value: Buffer.from(message.value), timestamp };
}

describe('dead letters', () => {
  const deadLetteredAt = new Date('2025-03-01T08:00:05Z');

  it('carry the original message with why, where from and by whom, and read back as such', () => {
    const outgoing = deadLetterOf(original, new TypeError('cannot handle this case'), 5, 'ugov.dispatch');
    expect(outgoing).toMatchObject({ topic: 'intake.case-submitted.v1.dlq', key: 'case-1', value: original.value });
    expect(readDeadLetter(asRead(outgoing, 2, '9', deadLetteredAt))).toEqual({
      position: { topic: 'intake.case-submitted.v1.dlq', partition: 2, offset: '9' },
      deadLetteredAt,
      originalTopic: 'intake.case-submitted.v1',
      originalPartition: 4,
      originalOffset: '17',
      consumerGroup: 'ugov.dispatch',
      eventId: 'event-1',
      error: 'cannot handle this case',
      errorType: 'TypeError',
      attempts: 5,
      replayOf: null,
      key: 'case-1',
    });
  });

  it('are read even when garbled: what cannot be trusted is left out, and the topic comes from the name', () => {
    const garbled: IncomingMessage = {
      topic: 'dispatch.case-assigned.v1.dlq',
      partition: 0,
      offset: '3',
      key: null,
      value: null,
      headers: { dlq_attempts: 'many', dlq_original_partition: '99999999999', dlq_error: 'bad\u0000byte', dlq_original_offset: '-1' },
      timestamp: deadLetteredAt,
    };
    expect(readDeadLetter(garbled)).toMatchObject({
      originalTopic: 'dispatch.case-assigned.v1',
      originalPartition: null,
      originalOffset: null,
      attempts: null,
      consumerGroup: null,
      eventId: null,
      error: 'badbyte',
      key: null,
    });
  });

  it('are replayed as the original event, without the earlier dead-lettering, naming the dead letter they come from', () => {
    const deadLetter = asRead(deadLetterOf(original, new Error('no'), 1, 'ugov.dispatch'), 2, '9', deadLetteredAt);
    const replay = replayOf(deadLetter, readDeadLetter(deadLetter));
    expect(replay).toEqual({
      topic: 'intake.case-submitted.v1',
      key: 'case-1',
      value: deadLetter.value,
      headers: { ...original.headers, dlq_replay_of: 'intake.case-submitted.v1.dlq/2@9' },
    });
    // Dead-lettered again after the replay: the new dead letter says which one it was replayed from.
    const again = deadLetterOf(asRead(replay, 1, '40', deadLetteredAt), new Error('still no'), 1, 'ugov.dispatch');
    expect(readDeadLetter(asRead(again, 5, '12', deadLetteredAt))).toMatchObject({
      replayOf: 'intake.case-submitted.v1.dlq/2@9',
      originalPartition: 1,
      originalOffset: '40',
      eventId: 'event-1',
    });
  });

  it('are remembered in the inbox by event id, or by position when there is none', () => {
    expect(inboxEventIdOf(original)).toBe('event-1');
    expect(inboxEventIdOf({ ...original, headers: {} })).toBe('intake.case-submitted.v1/4/17');
    // PostgreSQL cannot store a NUL, nor index an id this long: dead-lettering would fail and stall the partition.
    expect(inboxEventIdOf({ ...original, headers: { ce_id: 'event-1\u0000' } })).toBe('intake.case-submitted.v1/4/17');
    expect(inboxEventIdOf({ ...original, headers: { ce_id: 'x'.repeat(3000) } })).toBe('intake.case-submitted.v1/4/17');
  });
});
