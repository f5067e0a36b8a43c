import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Channel, Events, Outcome, timestampFromDate } from '@ugov/contracts';
import { encodeEvent } from '@ugov/messaging';
import { ServiceStack, testBrokers, waitFor } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

/**
 * A department's reply reaches publication over the real broker: it is delivered to the requester as before,
 * and what may become public is only its redacted version, with why each part is withheld, awaiting review.
 */
describe('a reply waits for review redacted', () => {
  const stack = new ServiceStack({ services: ['publication'] });
  let producer: Producer;

  beforeAll(async () => {
    await stack.start();
    producer = new Kafka({ clientId: 'ugov-test-reply-review', brokers: testBrokers(), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await stack.stop();
  });

  async function reply(caseId: string, assignmentId: string, replyText: string): Promise<void> {
    const event = encodeEvent(Events.caseReplied, caseId, {
      caseId,
      assignmentId,
      departmentCode: 'a2-housing',
      replyText,
      outcome: Outcome.RESOLVED,
      repliedAt: timestampFromDate(new Date()),
      channel: Channel.WEB_PORTAL,
      trackingNumber: 'UG20261130000001',
      outcomeReason: '',
    });
    await producer.send({
      topic: `${stack.topicPrefix}${Events.caseReplied.topic}`,
      acks: -1,
      messages: [{ key: caseId, value: Buffer.from(event.value), headers: event.headers }],
    });
  }

  const reviewsOf = (caseId: string, key: string) => call(stack, 'publication', 'GET', `/v1/cases/${caseId}/reply-reviews`, key);

  it('keeps the redacted reply, the withheld parts with their reasons and a disclosure attribute, and still delivers it', async () => {
    const rule = await call(stack, 'publication', 'POST', '/v1/censor-rules', KEYS.department('a2-housing'), {
      scope: 'department',
      scopeKey: 'a2-housing',
      kind: 'pattern',
      text: '内部〔\\d{4}〕\\d+号',
      reason: '内部过程信息',
    });
    expect(rule.status).toBe(201);

    const caseId = randomUUID();
    const assignmentId = randomUUID();
    const text = '经核实，住景蓉华苑3栋2单元501室的张伟反映的漏水已修复（依据内部〔2026〕7号），可拨打13812345678回访。';
    await reply(caseId, assignmentId, text);
    await reply(caseId, assignmentId, text); // a second delivery of the same reply changes nothing

    const [review] = await waitFor('the reply under review', async () => {
      const response = await reviewsOf(caseId, KEYS.department('a2-housing'));
      return response.body.length ? response.body : undefined;
    });
    expect(review.redactedText).toBe('经核实，住【地址】的【姓名】反映的漏水已修复（依据【已屏蔽】），可拨打【电话】回访。');
    expect(
      review.withheld.map((part: { start: number; end: number; reason: string }) => [text.slice(part.start, part.end), part.reason]),
    ).toEqual([
      ['景蓉华苑3栋2单元501室', '个人隐私'],
      ['张伟', '个人隐私'],
      ['内部〔2026〕7号', '内部过程信息'],
      ['13812345678', '个人隐私'],
    ]);
    expect(review).toMatchObject({
      disclosure: '主动公开',
      disclosureReason: null,
      visibility: 'requester-only',
      reviewStatus: 'awaiting-review',
    });

    const deliveries = await call(stack, 'publication', 'GET', `/v1/cases/${caseId}/deliveries`, KEYS.supervisor);
    expect(deliveries.body).toHaveLength(1);
    expect(deliveries.body[0].message).toContain('已修复');
    expect((await reviewsOf(caseId, KEYS.supervisor)).body).toHaveLength(1);
  });

  it("shows a department none of another department's replies", async () => {
    const caseId = randomUUID();
    await reply(caseId, randomUUID(), '路灯已修复。');
    await waitFor('the reply under review', async () => ((await reviewsOf(caseId, KEYS.supervisor)).body.length ? true : undefined));
    expect((await reviewsOf(caseId, KEYS.department('city-health'))).body).toEqual([]);
  });

  it('refuses censor rules that are unsafe or out of the caller’s reach, naming the field', async () => {
    // The reasons are read in English (the problems' default language is zh-Hans).
    const add = (key: string, body: Record<string, unknown>) =>
      call(stack, 'publication', 'POST', '/v1/censor-rules', key, body, { 'accept-language': 'en' });
    const runaway = await add(KEYS.reviewer, { scope: 'site', kind: 'pattern', text: '(a+)+b', reason: '国家秘密' });
    expect(runaway.status).toBe(400);
    expect(runaway.contentType).toContain('application/problem+json');
    expect(runaway.body.errors).toEqual([{ field: 'text', reason: expect.stringContaining('for ever') }]);
    const noKey = await add(KEYS.reviewer, { scope: 'department', kind: 'literal', text: '某某', reason: '商业秘密' });
    expect(noKey.body.errors).toEqual([{ field: 'scopeKey', reason: 'scopeKey is required for a department rule' }]);
    const badReason = await add(KEYS.reviewer, { scope: 'site', kind: 'literal', text: '某某', reason: '不想公开' });
    expect(badReason.body.errors).toEqual([{ field: 'reason', reason: expect.stringContaining('reason must be one of') }]);
    expect((await add(KEYS.department('a2-housing'), { scope: 'site', kind: 'literal', text: '某某', reason: '商业秘密' })).status).toBe(
      403,
    );
    expect(
      (
        await add(KEYS.department('a2-housing'), {
          scope: 'department',
          scopeKey: 'city-health',
          kind: 'literal',
          text: '某某',
          reason: '商业秘密',
        })
      ).status,
    ).toBe(403);
    expect((await add(KEYS.portal, { scope: 'site', kind: 'literal', text: '某某', reason: '商业秘密' })).status).toBe(403);
    // Oversight staff read; they change nothing but supervision orders.
    expect((await add(KEYS.supervisor, { scope: 'site', kind: 'literal', text: '某某', reason: '商业秘密' })).status).toBe(403);
  });
});
