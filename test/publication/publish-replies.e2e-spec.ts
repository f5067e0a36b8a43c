import { randomUUID } from 'node:crypto';
import { CaseType, Channel, Events, Outcome, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { ServiceStack, waitFor } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

const DEPARTMENT = 'a2-housing';
const REPLY =
  '经核实，住景蓉华苑3栋2单元501室的张伟反映的小区夜间施工噪音问题属实，已责令施工单位整改，夜间停止施工。如有疑问请拨打13812345678。';

/**
 * Nothing of a reply is public before a reviewer approves it (审核, 保密审查): a department's reply waits for review
 * redacted; the reviewer masks more (never less) and approves it as public, and only then the public search finds it,
 * by a two-character word or a phrase, redacted; a withheld reply, one kept from the public and a confidential case's
 * (保密) are never found. Publication and supervision run as processes on the real broker and database.
 */
describe('review and the public search of replies', () => {
  const stack = new ServiceStack({ services: ['publication', 'supervision'] });
  let bus: KafkaMessageBus;

  beforeAll(async () => {
    await stack.start();
    bus = stack.busFor('ugov-test-publish-replies');
  });

  afterAll(async () => {
    await bus?.close();
    await stack.stop();
  });

  /** A case as intake announces it, then the department's reply as processing does; resolves with the review waiting. */
  async function repliedCase(text: string, confidential = false): Promise<{ caseId: string; review: Record<string, any> }> {
    const caseId = randomUUID();
    const trackingNumber = `UG2026113${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    await bus.publish([
      encodeEvent(Events.caseSubmitted, caseId, {
        caseId,
        trackingNumber,
        type: CaseType.COMPLAINT,
        channel: Channel.WEB_PORTAL,
        description: '小区夜间施工噪音扰民',
        categoryCode: 'urban.noise',
        location: { regionCode: '430102', address: '' },
        submittedAt: timestampFromDate(new Date()),
        confidential,
      }),
    ]);
    await bus.publish([
      encodeEvent(Events.caseReplied, caseId, {
        caseId,
        assignmentId: randomUUID(),
        departmentCode: DEPARTMENT,
        replyText: text,
        outcome: Outcome.RESOLVED,
        repliedAt: timestampFromDate(new Date()),
        channel: Channel.WEB_PORTAL,
        trackingNumber,
        outcomeReason: '',
      }),
    ]);
    const [review] = await waitFor('the reply waiting for review', async () => {
      const response = await call(stack, 'publication', 'GET', `/v1/cases/${caseId}/reply-reviews`, KEYS.reviewer);
      return response.body.length ? response.body : undefined;
    });
    return { caseId, review };
  }

  const decide = (reviewId: string, body: Record<string, unknown>, key = KEYS.reviewer) =>
    call(stack, 'publication', 'POST', `/v1/reply-reviews/${reviewId}/decision`, key, body, { 'accept-language': 'en' });
  const search = (query: string) => call(stack, 'publication', 'GET', `/v1/public/replies?${query}`, undefined);
  const found = async (q: string) => (await search(`q=${encodeURIComponent(q)}`)).body.items.map((item: { id: string }) => item.id);

  it('publishes an approved reply, redacted and masked further by the reviewer, and only then finds it', async () => {
    const { caseId, review } = await repliedCase(REPLY);
    expect(review.redactedText).toBe(
      '经核实，住【地址】的【姓名】反映的小区夜间施工噪音问题属实，已责令施工单位整改，夜间停止施工。如有疑问请拨打【电话】。',
    );

    // Before the decision nobody finds it, and it cannot be read.
    expect(await found('噪音')).toEqual([]);
    expect((await call(stack, 'publication', 'GET', `/v1/public/replies/${review.id}`, undefined)).status).toBe(404);

    // The reviewer cannot put back what the redactor withheld, nor may anyone else decide.
    const unredacted = await decide(review.id, {
      decision: 'approve',
      disclosure: 'proactive',
      visibility: 'public',
      editedText: review.redactedText.replace('【姓名】', '张伟'),
    });
    expect(unredacted.status).toBe(400);
    expect(unredacted.contentType).toContain('application/problem+json');
    expect(unredacted.body.errors).toEqual([{ field: 'editedText', reason: expect.stringContaining('only mask more') }]);
    const body = { decision: 'approve', disclosure: 'proactive', visibility: 'public' };
    expect((await decide(review.id, body, KEYS.department(DEPARTMENT))).status).toBe(403);
    expect((await decide(review.id, body, KEYS.supervisor)).status).toBe(403);
    expect((await decide(review.id, { ...body, visibility: 'everyone' })).body.errors).toEqual([
      { field: 'visibility', reason: expect.stringContaining('visibility must be one of') },
    ]);
    expect(await found('噪音')).toEqual([]);

    // Approved as public, with the contractor masked as well (a commercial secret).
    const edited = review.redactedText.replace('施工单位', '【已屏蔽】');
    const approved = await decide(review.id, { ...body, editedText: edited, withheldReason: 'commercial-secret' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ reviewStatus: 'approved', disclosure: '主动公开', visibility: 'public', decidedText: edited });
    const again = await decide(review.id, body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('reply-review-already-decided');

    // Found by a two-character word and by a phrase, with the term marked in the snippet.
    const byWord = await search('q=噪音');
    expect(byWord.status).toBe(200);
    expect(byWord.body).toMatchObject({ page: 1, pageSize: 20, total: 1 });
    const [hit] = byWord.body.items;
    expect(hit).toMatchObject({ id: review.id, departmentCode: DEPARTMENT });
    expect(hit.snippet.highlights.map(({ start, end }: { start: number; end: number }) => hit.snippet.text.slice(start, end))).toEqual([
      '噪音',
    ]);
    expect(await found('夜间施工噪音')).toEqual([review.id]);
    expect(await found('停止施工 噪音')).toEqual([review.id]);
    // Every bigram of this phrase is in the reply, the phrase is not: the exact recheck leaves it out.
    expect(await found('停止施工噪音')).toEqual([]);
    // What was withheld is found by nobody, nor is a mask.
    for (const withheld of ['张伟', '景蓉华苑', '13812345678', '施工单位', '姓名', '已屏蔽']) expect(await found(withheld)).toEqual([]);
    expect(await found('噪音 上访')).toEqual([]);
    expect((await search(`q=噪音&department=city-health`)).body.total).toBe(0);
    expect((await search(`q=噪音&department=${DEPARTMENT}&from=2000-01-01&to=2100-12-31`)).body.total).toBe(1);
    expect((await search('q=噪音&from=2100-01-01')).body.total).toBe(0);
    expect((await search('q=噪音&page=2')).body).toMatchObject({ page: 2, total: 1, items: [] });

    // The case's category and region, as intake accepted them, narrow the search: a domain holds the codes below it,
    // a city its districts; a code that merely starts alike is another domain.
    expect(hit).toMatchObject({ domain: 'urban.noise', regionCode: '430102' });
    for (const [filter, total] of [
      ['domain=urban', 1],
      ['domain=urban.noise', 1],
      ['domain=urban.no', 0],
      ['domain=environment', 0],
      ['region=430000', 1],
      ['region=430100', 1],
      ['region=430102', 1],
      ['region=430103', 0],
      ['domain=urban&region=430100&department=' + DEPARTMENT, 1],
    ] as const)
      expect([filter, (await search(`q=噪音&${filter}`)).body.total]).toEqual([filter, total]);
    const badFilters = await search('q=噪音&domain=Urban&region=4301');
    expect(badFilters.status).toBe(400);
    expect(badFilters.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['domain', 'region']);

    // One search over all that is published finds it too, with where to read it; information alone does not.
    const site = (query: string) => call(stack, 'publication', 'GET', `/v1/public/search?${query}`, undefined);
    const everything = await site('q=噪音&domain=urban');
    expect(everything.status).toBe(200);
    expect(everything.body).toMatchObject({ page: 1, total: 1 });
    expect(everything.body.items[0]).toMatchObject({ kind: 'reply', id: review.id, title: null, link: `/v1/public/replies/${review.id}` });
    expect((await site('q=噪音&kind=information')).body.total).toBe(0);
    expect((await site('q=噪音&kind=reply&region=430100')).body.total).toBe(1);
    expect((await site('kind=memo')).body.errors).toEqual([{ field: 'kind', reason: 'kind 必须是以下值之一：reply, information' }]);

    // The disclosure catalog lists it, proactively disclosed, under its department.
    const catalog = await call(stack, 'publication', 'GET', `/v1/public/disclosure-catalog?category=replies&lang=en`, undefined);
    expect(catalog.status).toBe(200);
    expect(catalog.body).toMatchObject({ language: 'en', page: 1, pageSize: 100, total: 1 });
    expect(catalog.body.items).toEqual([
      expect.objectContaining({
        code: `reply-${review.id}`,
        category: { code: 'replies', name: 'Replies to requests' },
        department: { code: DEPARTMENT, name: 'A2 District Housing and Urban-Rural Development Bureau' },
        attribute: 'proactive',
        attributeName: 'Proactively disclosed',
        publishedReply: `/v1/public/replies/${review.id}`,
        title: expect.stringMatching(/^Reply to a request from the public \(\d{4}-\d{2}-\d{2}\)$/),
      }),
    ]);
    const byDepartment = await call(stack, 'publication', 'GET', `/v1/public/disclosure-catalog?department=${DEPARTMENT}`, undefined);
    expect(byDepartment.body.items.map((item: { code: string }) => item.code)).toEqual([`reply-${review.id}`]);
    const withheldOnly = await call(stack, 'publication', 'GET', `/v1/public/disclosure-catalog?attribute=withheld`, undefined);
    expect(withheldOnly.body.items.map((item: { code: string }) => item.code)).not.toContain(`reply-${review.id}`);

    const read = await call(stack, 'publication', 'GET', `/v1/public/replies/${review.id}`, undefined);
    expect(read.status).toBe(200);
    expect(read.body.text).toBe(edited);
    expect(read.body.withheld).toEqual([
      { type: 'address', reason: '个人隐私' },
      { type: 'name', reason: '个人隐私' },
      { type: 'phone', reason: '个人隐私' },
      { type: 'censored', reason: '商业秘密' },
    ]);
    for (const response of [read, byWord])
      for (const secret of ['张伟', '景蓉华苑', '13812345678', caseId]) expect(JSON.stringify(response.body)).not.toContain(secret);

    // Supervision's timeline shows the review, and who made it.
    const hop = await waitFor('the review on the timeline', async () => {
      const timeline = await call(stack, 'supervision', 'GET', `/v1/cases/${caseId}/timeline`, KEYS.supervisor);
      return timeline.body.hops?.find((entry: { type: string }) => entry.type === Events.replyReviewed.type);
    });
    expect(hop.details).toMatchObject({
      decision: 'approve',
      disclosure: 'proactive',
      visibility: 'public',
      published: 'true',
      actorRoles: 'reviewer',
    });
  });

  it('never makes public a withheld reply, one kept from the public, or a confidential case’s', async () => {
    const withheld = await repliedCase(`${REPLY}（涉密一）`);
    const missingReason = await decide(withheld.review.id, { decision: 'withhold', disclosure: 'withheld', visibility: 'hidden' });
    expect(missingReason.body.errors).toEqual([{ field: 'withheldReason', reason: expect.stringContaining('required') }]);
    const publicWithheld = await decide(withheld.review.id, {
      decision: 'withhold',
      disclosure: 'withheld',
      withheldReason: 'state-secret',
      visibility: 'public',
    });
    expect(publicWithheld.body.errors).toEqual([{ field: 'visibility', reason: expect.any(String) }]);
    const decided = await decide(withheld.review.id, {
      decision: 'withhold',
      disclosure: 'withheld',
      withheldReason: 'state-secret',
      visibility: 'hidden',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({
      reviewStatus: 'withheld',
      disclosure: '不予公开',
      disclosureReason: '国家秘密',
      visibility: 'hidden',
    });

    const internal = await repliedCase(`${REPLY}（内部二）`);
    expect((await decide(internal.review.id, { decision: 'approve', disclosure: 'proactive', visibility: 'internal' })).status).toBe(200);
    const requesterOnly = await repliedCase(`${REPLY}（申请三）`);
    expect(
      (await decide(requesterOnly.review.id, { decision: 'approve', disclosure: 'on-request', visibility: 'requester-only' })).status,
    ).toBe(200);

    const confidential = await repliedCase(`${REPLY}（保密四）`, true);
    const refused = await decide(confidential.review.id, { decision: 'approve', disclosure: 'proactive', visibility: 'public' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('confidential-case-never-public');

    for (const { review } of [withheld, internal, requesterOnly, confidential]) {
      expect((await call(stack, 'publication', 'GET', `/v1/public/replies/${review.id}`, undefined)).status).toBe(404);
      for (const q of ['噪音', '夜间施工噪音']) expect(await found(q)).not.toContain(review.id);
    }
    for (const marker of ['涉密一', '内部二', '申请三', '保密四']) expect(await found(marker)).toEqual([]);
  });

  it('answers a query it cannot look up with a 400 naming q', async () => {
    for (const query of ['q=水', `q=${encodeURIComponent('，。')}`, 'page=0', 'from=2026-02-30', 'department=A2']) {
      const response = await call(stack, 'publication', 'GET', `/v1/public/replies?${query}`, undefined, undefined, {
        'accept-language': 'en',
      });
      expect(response.status).toBe(400);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body.errors).toHaveLength(1);
    }
  });
});
