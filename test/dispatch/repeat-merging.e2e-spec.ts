import { Client } from 'pg';
import { Events } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import { call, complaint, KEYS } from '../u-loop/http';

/**
 * Repeated requests (并单) through intake and dispatch with Kafka and PostgreSQL: the same requester sending the same
 * matter again gets one assignment, the repeat linked to the open case and announced; anyone else's request, or
 * another matter, is dispatched as usual.
 */
describe('repeat merging', () => {
  const stack = new ServiceStack({ services: ['intake', 'dispatch'] });
  let reader: TopicReader;
  let db: Client;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader([Events.caseAssigned.topic, Events.caseMerged.topic], stack.topicPrefix).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await reader?.stop();
    await db?.end();
    await stack.stop();
  });

  const submit = async (description: string, phone: string): Promise<{ id: string; trackingNumber: string }> => {
    const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, {
      // A category of its own, so the classifier's doubts about a short text do not send it to triage.
      ...complaint(description, { categoryCode: 'urban.municipal-facilities', location: { regionCode: '430104' } }),
      requester: { name: '赵六', phone },
    });
    expect(response.status).toBe(201);
    return response.body;
  };
  const assigned = (caseId: string) => reader.on(Events.caseAssigned.topic, caseId);
  const merged = (caseId: string) =>
    reader.on(Events.caseMerged.topic, caseId).map((message) => decodeEvent(Events.caseMerged, message).body);

  it('links a near-identical request of the same requester to the open case: one assignment', async () => {
    const text = '小区门口的路灯坏了一个月，晚上很不安全，请尽快修理';
    // Sent back to back, so the two may well reach dispatch in one batch.
    const [first, repeat] = await Promise.all([
      submit(text, '13800138001'),
      new Promise<{ id: string; trackingNumber: string }>((resolve) =>
        setTimeout(() => resolve(submit(`${text}！！`, '138 0013 8001')), 30),
      ),
    ]);
    const otherRequester = await submit(text, '13900139002');
    const otherMatter = await submit('小区物业乱收停车费，业主意见很大', '13800138001');

    for (const dispatched of [first, otherRequester, otherMatter])
      await waitFor(`the assignment of ${dispatched.id}`, async () => (assigned(dispatched.id).length > 0 ? true : undefined));
    const [link] = await waitFor(`the link of ${repeat.id}`, async () => (merged(repeat.id).length > 0 ? merged(repeat.id) : undefined));
    expect(link).toMatchObject({
      caseId: repeat.id,
      trackingNumber: repeat.trackingNumber,
      mergedIntoCaseId: first.id,
      mergedIntoTrackingNumber: first.trackingNumber,
    });
    expect(link.similarity).toBeGreaterThan(0.8);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(assigned(repeat.id)).toHaveLength(0);
    expect(assigned(first.id)).toHaveLength(1);
    for (const dispatched of [first, otherRequester, otherMatter]) expect(merged(dispatched.id)).toHaveLength(0);

    const { rows } = await db.query(
      `SELECT case_id, merged_into, requester_key IS NOT NULL AS keyed FROM dispatch.case_files WHERE case_id = ANY($1) ORDER BY accepted_at`,
      [[first.id, repeat.id]],
    );
    expect(rows).toEqual([
      { case_id: first.id, merged_into: null, keyed: true },
      { case_id: repeat.id, merged_into: first.id, keyed: true },
    ]);
    // The key is intake's keyed hash, never the phone number.
    const keys = await db.query(`SELECT requester_key FROM dispatch.case_files WHERE case_id = $1`, [first.id]);
    expect(keys.rows[0].requester_key).not.toContain('13800138001');
    const decisions = await db.query(`SELECT count(*)::int AS n FROM dispatch.decisions WHERE case_id = $1`, [repeat.id]);
    expect(decisions.rows[0].n).toBe(0);
  });
});
