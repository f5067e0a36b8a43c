import { randomUUID } from 'node:crypto';
import { CaseType, Channel, Events, Outcome, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { ServiceStack, waitFor } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

const DEPARTMENT = 'a2-housing';
const OTHER_DEPARTMENT = 'a3-office';

/** YYYY-MM-DD in China time, `days` from today. */
function chinaDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
}

/**
 * Government information goes through the review a reply does before it is public in its column; the site census
 * (普查) flags empty columns, columns not updated within their limit, and messages the public left on the site with no
 * answer for three months. Publication runs as a process on the real broker and database; intake's and processing's
 * events are published as they publish them.
 */
describe('government information and the site census', () => {
  const stack = new ServiceStack({ services: ['publication'] });
  let bus: KafkaMessageBus;

  beforeAll(async () => {
    await stack.start();
    bus = stack.busFor('ugov-test-site-census');
  });

  afterAll(async () => {
    await bus?.close();
    await stack.stop();
  });

  const submit = (body: Record<string, unknown>, key = KEYS.department(DEPARTMENT)) =>
    call(stack, 'publication', 'POST', '/v1/information', key, body, { 'accept-language': 'en' });
  const decide = (id: string, body: Record<string, unknown>, key = KEYS.reviewer) =>
    call(stack, 'publication', 'POST', `/v1/information/${id}/decision`, key, body, { 'accept-language': 'en' });
  const census = async (asOf?: string) => {
    const response = await call(stack, 'publication', 'GET', `/v1/site-census${asOf ? `?asOf=${asOf}` : ''}`, KEYS.supervisor);
    expect(response.status).toBe(200);
    return response.body;
  };
  const findingOf = (body: { columns: { code: string; finding: string }[] }, code: string) =>
    body.columns.find((column) => column.code === code)!.finding;
  const found = async (q: string) =>
    (await call(stack, 'publication', 'GET', `/v1/public/information?q=${encodeURIComponent(q)}`, undefined)).body.items.map(
      (item: { id: string }) => item.id,
    );

  it('publishes information only once a reviewer approves it, and the census sees the column updated until it is not', async () => {
    expect(findingOf(await census(), 'news')).toBe('empty');

    const submitted = await submit({
      columnCode: 'news',
      title: '关于冬季供暖保障工作的通知',
      text: '今冬供暖自11月15日起，如遇暖气不热请联系13812345678反映。',
    });
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ columnCode: 'news', departmentCode: DEPARTMENT, reviewStatus: 'awaiting-review' });
    expect(submitted.body.text).toBe('今冬供暖自11月15日起，如遇暖气不热请联系【电话】反映。');
    const { id } = submitted.body;

    // Bad input names the field; a department publishes only for itself; only reviewers decide.
    const bad = await submit({ columnCode: 'gossip', title: ' ', text: '内容' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['columnCode', 'title']);
    expect((await submit({ columnCode: 'news', title: '标题', text: '内容', departmentCode: OTHER_DEPARTMENT })).status).toBe(403);
    const body = { decision: 'approve', disclosure: 'proactive', visibility: 'public' };
    expect((await decide(id, body, KEYS.department(DEPARTMENT))).status).toBe(403);
    expect((await decide(id, body, KEYS.supervisor)).status).toBe(403);

    // The queue: the reviewer sees it, its department too, another department not.
    const queue = async (key: string) =>
      (await call(stack, 'publication', 'GET', '/v1/information', key)).body.map((item: { id: string }) => item.id);
    expect(await queue(KEYS.reviewer)).toContain(id);
    expect(await queue(KEYS.department(DEPARTMENT))).toContain(id);
    expect(await queue(KEYS.department(OTHER_DEPARTMENT))).not.toContain(id);

    // Nothing is public before the decision.
    expect(await found('供暖')).toEqual([]);
    expect((await call(stack, 'publication', 'GET', `/v1/public/information/${id}`, undefined)).status).toBe(404);
    expect(findingOf(await census(), 'news')).toBe('empty');

    // The reviewer cannot un-redact; approved, it is public and found by a word of its title and of its text.
    const unredacted = await decide(id, { ...body, editedText: submitted.body.text.replace('【电话】', '13812345678') });
    expect(unredacted.status).toBe(400);
    expect(unredacted.body.errors).toEqual([{ field: 'editedText', reason: expect.stringContaining('only mask more') }]);
    const approved = await decide(id, body);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ reviewStatus: 'approved', disclosure: '主动公开', visibility: 'public' });
    expect(approved.body.publishedAt).toEqual(expect.any(String));
    expect((await decide(id, body)).status).toBe(409);
    expect(await found('供暖')).toEqual([id]);
    expect(await found('暖气不热')).toEqual([id]);
    // The one search over all that is published finds it among information, not among replies; information has no
    // domain or region, so asking for one leaves it out.
    const site = async (query: string) => (await call(stack, 'publication', 'GET', `/v1/public/search?${query}`, undefined)).body;
    expect((await site('q=供暖')).items).toEqual([
      expect.objectContaining({ kind: 'information', id, title: '关于冬季供暖保障工作的通知', link: `/v1/public/information/${id}` }),
    ]);
    expect((await site('q=供暖&kind=reply')).total).toBe(0);
    expect((await site('q=供暖&domain=urban')).total).toBe(0);
    const read = await call(stack, 'publication', 'GET', `/v1/public/information/${id}`, undefined);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      title: '关于冬季供暖保障工作的通知',
      columnCode: 'news',
      withheld: [{ type: 'phone', reason: '个人隐私' }],
    });
    expect(JSON.stringify(read.body)).not.toContain('13812345678');

    // Updated now; not updated two weeks on (a news column's limit); an empty column is flagged either way.
    const today = await census();
    expect(findingOf(today, 'news')).toBe('ok');
    expect(findingOf(today, 'notices')).toBe('empty');
    expect(findingOf(await census(chinaDay(13)), 'news')).toBe('ok');
    expect(findingOf(await census(chinaDay(15)), 'news')).toBe('not-updated');
  });

  it('never publishes withheld information, and says why it was withheld', async () => {
    const { body: item } = await submit({ columnCode: 'notices', title: '内部会议安排', text: '关于下周局务会议议程的内部安排。' });
    const withheld = await decide(item.id, {
      decision: 'withhold',
      disclosure: 'withheld',
      withheldReason: 'internal-process',
      visibility: 'internal',
    });
    expect(withheld.status).toBe(200);
    expect(withheld.body).toMatchObject({ reviewStatus: 'withheld', disclosure: '不予公开', disclosureReason: '内部过程信息' });
    expect((await call(stack, 'publication', 'GET', `/v1/public/information/${item.id}`, undefined)).status).toBe(404);
    expect(await found('局务会议')).toEqual([]);
    expect(findingOf(await census(), 'notices')).toBe('empty');
  });

  it('flags the messages the public left on the site that had no answer for three months', async () => {
    const submitted = async (channel: Channel) => {
      const caseId = randomUUID();
      await bus.publish([
        encodeEvent(Events.caseSubmitted, caseId, {
          caseId,
          trackingNumber: `UG2026113${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
          type: CaseType.COMPLAINT,
          channel,
          description: '小区路灯不亮',
          categoryCode: 'urban.02.04',
          location: { regionCode: '430102', address: '' },
          submittedAt: timestampFromDate(new Date()),
          confidential: false,
        }),
      ]);
      return caseId;
    };
    const unanswered = await submitted(Channel.WEB_PORTAL);
    const answered = await submitted(Channel.MOBILE_APP);
    const byHotline = await submitted(Channel.HOTLINE_12345);
    await bus.publish([
      encodeEvent(Events.caseReplied, answered, {
        caseId: answered,
        assignmentId: randomUUID(),
        departmentCode: DEPARTMENT,
        replyText: '路灯已修复。',
        outcome: Outcome.RESOLVED,
        repliedAt: timestampFromDate(new Date()),
        channel: Channel.MOBILE_APP,
        trackingNumber: 'UG20261130000001',
        outcomeReason: '',
      }),
    ]);
    await waitFor('the reply to reach publication', async () => {
      const reviews = await call(stack, 'publication', 'GET', `/v1/cases/${answered}/reply-reviews`, KEYS.reviewer);
      return reviews.body.length > 0 || undefined;
    });

    // Today nothing is three months old; three months and a bit on, only the web portal's message is unanswered.
    const now = await waitFor('the messages to reach publication', async () => {
      const later = await census(chinaDay(100));
      return later.unansweredMessages >= 1 ? later : undefined;
    });
    const ids = now.oldestUnanswered.map((message: { caseId: string }) => message.caseId);
    expect(ids).toContain(unanswered);
    expect(ids).not.toContain(answered);
    expect(ids).not.toContain(byHotline);
    expect(now.oldestUnanswered.find((message: { caseId: string }) => message.caseId === unanswered).channel).toBe('web-portal');
    expect((await census()).oldestUnanswered.map((message: { caseId: string }) => message.caseId)).not.toContain(unanswered);
  });

  it('shows the census to oversight staff only', async () => {
    for (const key of [KEYS.department(DEPARTMENT), KEYS.portal])
      expect((await call(stack, 'publication', 'GET', '/v1/site-census', key)).status).toBe(403);
    expect((await call(stack, 'publication', 'GET', '/v1/site-census', undefined)).status).toBe(401);
    const bad = await call(stack, 'publication', 'GET', '/v1/site-census?asOf=2026-13-01', KEYS.supervisor, undefined, {
      'accept-language': 'en',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'asOf', reason: expect.stringContaining('YYYY-MM-DD') }]);
  });
});

describe('the routes open to everyone', () => {
  const stack = new ServiceStack({ services: ['publication'], environment: () => ({ PUBLIC_RATE_LIMIT_PER_MINUTE: '5' }) });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('answer one address a few times a minute, then 429 with Retry-After, while staff routes go on', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(stack, 'publication', 'GET', '/v1/public/information', undefined)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await call(stack, 'publication', 'GET', '/v1/public/service-guides', undefined, undefined, { 'accept-language': 'en' });
    expect(limited.status).toBe(429);
    expect(limited.contentType).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await call(stack, 'publication', 'GET', '/v1/site-census', KEYS.supervisor)).status).toBe(200);
  });
});
