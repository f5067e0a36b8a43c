import { Events } from '@ugov/contracts';
import { decodeEvent } from '@ugov/messaging';
import { ServiceStack, TopicReader, waitFor } from '@ugov/testing';
import demoCity from '../../apps/dispatch/catalog/demo-city.json';
import { call, KEYS } from '../u-loop/http';

/**
 * Instant answers (即办) through intake, dispatch, publication and supervision with Kafka and PostgreSQL: a
 * consultation the knowledge base answers is closed at once, its answer delivered, its hops on the timeline, and no
 * department involved; a consultation it cannot answer goes to a department as usual.
 */
describe('instant answers', () => {
  const stack = new ServiceStack({ services: ['intake', 'dispatch', 'publication', 'supervision'] });
  let reader: TopicReader;

  beforeAll(async () => {
    await stack.start();
    reader = await new TopicReader(
      [Events.caseAssigned.topic, Events.caseTriaged.topic, Events.caseAnswered.topic],
      stack.topicPrefix,
    ).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await stack.stop();
  });

  const consult = async (description: string) => {
    const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.hotline, {
      type: 'consultation',
      channel: 'hotline-12345',
      hotline: { agentId: 'A0217', callId: `c-${description.length}-${Date.now()}` },
      description,
      requester: { name: '钱七', phone: '13600136003' },
    });
    expect(response.status).toBe(201);
    return response.body as { id: string; trackingNumber: string; verificationCode: string };
  };

  it('answers a consultation the knowledge base knows and delivers the answer, with no department', async () => {
    const entry = demoCity.answers.find(({ code }) => code === 'kb-housing-fund-withdrawal')!;
    const asked = await consult('您好，请问住房公积金怎么提取？');

    const deliveries = await waitFor(`the delivery to ${asked.trackingNumber}`, async () => {
      const response = await call(stack, 'publication', 'GET', `/v1/cases/${asked.id}/deliveries`, KEYS.supervisor);
      // Recorded pending in the consumer's transaction, then sent by publication's sender.
      return response.status === 200 && response.body[0]?.status === 'delivered' ? response.body : undefined;
    });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ channel: 'hotline-12345', trackingNumber: asked.trackingNumber, status: 'delivered' });
    expect(deliveries[0].message).toContain(entry.answer);
    expect(deliveries[0].message).toContain(asked.trackingNumber);

    const [answered] = reader.on(Events.caseAnswered.topic, asked.id).map((message) => decodeEvent(Events.caseAnswered, message).body);
    expect(answered).toMatchObject({
      caseId: asked.id,
      entryCode: entry.code,
      categoryCode: entry.category,
      answerText: entry.answer,
      answerId: deliveries[0].assignmentId,
    });
    expect(answered.confidence).toBeGreaterThanOrEqual(0.8);

    const timeline = await waitFor(`the timeline of ${asked.id}`, async () => {
      const response = await call(stack, 'supervision', 'GET', `/v1/cases/${asked.id}/timeline`, KEYS.supervisor);
      return response.status === 200 && response.body.hops.length >= 3 ? response.body : undefined;
    });
    expect(timeline.hops.map((hop: { type: string }) => hop.type)).toEqual([
      Events.caseSubmitted.type,
      Events.caseAnswered.type,
      Events.replyDelivered.type,
    ]);
    expect(timeline.hops[1].details).toMatchObject({ entryCode: entry.code, categoryCode: entry.category });
    expect(reader.on(Events.caseAssigned.topic, asked.id)).toHaveLength(0);

    // The requester sees the request replied, with the answer and no department.
    const tracked = await waitFor(`the reply on ${asked.trackingNumber}`, async () => {
      const response = await call(stack, 'intake', 'GET', `/v1/requests/${asked.trackingNumber}`, undefined, undefined, {
        authorization: `Tracking ${asked.trackingNumber}:${asked.verificationCode}`,
      });
      return response.status === 200 && response.body.state === 'replied' ? response.body : undefined;
    });
    expect(tracked).toMatchObject({ department: null, replies: [{ text: entry.answer, outcome: 'explained' }] });
  });

  it('sends a consultation the knowledge base cannot answer with confidence to a department', async () => {
    const asked = await consult('单位拖欠工资，离职后想问公积金怎么提取，工资怎么要回来');
    // Dispatched as any case: to a department, or to a dispatcher when the classifier is unsure of the mixed question.
    await waitFor(`the assignment or triage of ${asked.id}`, async () =>
      reader.on(Events.caseAssigned.topic, asked.id).length + reader.on(Events.caseTriaged.topic, asked.id).length > 0 ? true : undefined,
    );
    expect(reader.on(Events.caseAnswered.topic, asked.id)).toHaveLength(0);
  });
});
