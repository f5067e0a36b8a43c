import { create, toBinary } from '@bufbuild/protobuf';
import { CaseRepliedSchema, Events } from '@ugov/contracts';
import { decodeEvent, encodeEvent, MalformedEventError } from './cloud-events';
import type { IncomingMessage } from './message-bus.port';

const caseId = '0b7a4cf1-5d44-4c4f-9a53-93c2c1f5e0a1';

function received(overrides: Partial<IncomingMessage> = {}, headerChanges: Record<string, string | undefined> = {}): IncomingMessage {
  const event = encodeEvent(Events.caseReplied, caseId, { caseId, assignmentId: 'a1', replyText: '已修复', outcome: 1 });
  const headers: Record<string, string> = { ...event.headers };
  for (const [name, value] of Object.entries(headerChanges)) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return {
    topic: event.topic,
    partition: 2,
    offset: '41',
    timestamp: new Date(),
    key: event.key,
    value: Buffer.from(event.value),
    headers,
    ...overrides,
  };
}

function malformation(message: IncomingMessage): string | undefined {
  try {
    decodeEvent(Events.caseReplied, message);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedEventError);
    return (error as Error).message;
  }
}

describe('decodeEvent', () => {
  it('reads an event as encodeEvent wrote it', () => {
    const decoded = decodeEvent(Events.caseReplied, received());
    expect(decoded.body).toMatchObject({ caseId, replyText: '已修复' });
    expect(decoded.envelope).toMatchObject({ type: Events.caseReplied.type, subject: caseId });
  });

  it('refuses a message without the CloudEvents headers of our events', () => {
    for (const header of ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_subject', 'ce_time', 'content-type']) {
      expect(malformation(received({}, { [header]: undefined }))).toMatch(new RegExp(header));
    }
    expect(malformation(received({}, { ce_specversion: '0.3' }))).toMatch(/ce_specversion must be 1.0/);
    expect(malformation(received({}, { 'content-type': 'application/json' }))).toMatch(/content-type must be application\/protobuf/);
    expect(malformation(received({}, { ce_time: 'yesterday' }))).toMatch(/ce_time is not an RFC 3339 timestamp/);
  });

  it('refuses header values the inbox or the timeline could not store', () => {
    expect(malformation(received({}, { ce_id: 'a\u0000b' }))).toMatch(/ce_id must be 1 to 200 visible ASCII/);
    expect(malformation(received({}, { ce_id: 'x'.repeat(3000) }))).toMatch(/ce_id must be/);
    expect(malformation(received({}, { ce_correlationid: 'über' }))).toMatch(/ce_correlationid must be/);
  });

  it('refuses another type, whether known or not', () => {
    expect(malformation(received({}, { ce_type: Events.caseAssigned.type }))).toMatch(/expected ce_type ugov.processing.case-replied.v1/);
    expect(malformation(received({}, { ce_type: 'ugov.no-such.event.v9' }))).toMatch(/expected ce_type/);
  });

  it('refuses a message whose key is not its case', () => {
    expect(malformation(received({ key: null }))).toMatch(/the key must be the subject/);
    expect(malformation(received({ key: 'another-case' }))).toMatch(/the key must be the subject/);
  });

  it('refuses a value that is missing, empty, not protobuf, or about another case', () => {
    expect(malformation(received({ value: null }))).toBe('message has no value');
    expect(malformation(received({ value: Buffer.alloc(0) }))).toBe('message has no value');
    expect(malformation(received({ value: Buffer.from([0x0f, 0x01]) }))).toMatch(/^value is not a ugov.processing.v1.CaseReplied/);
    expect(malformation(received({ value: Buffer.from('{"caseId":"x"}') }))).toMatch(/^value is not a/);
    const otherCase = toBinary(CaseRepliedSchema, create(CaseRepliedSchema, { caseId: 'another-case' }));
    expect(malformation(received({ value: Buffer.from(otherCase) }))).toMatch(/value is about case "another-case", not the subject/);
  });
});
