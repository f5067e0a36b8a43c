import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { CaseType, Channel, Events, Outcome, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { loadContactKeys, RequesterContactSeal, type RequesterContact } from '@ugov/platform';
import { HttpRecorder, ServiceStack, waitFor, type RecordedRequest } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

const MAX_ATTEMPTS = 9;

/** The delivery a provider was asked to send (channel health probes, bodiless GETs and HEADs, have none). */
const referenceOf = (request: RecordedRequest): string | undefined =>
  request.method === 'POST' ? (JSON.parse(request.body) as { reference?: string }).reference : undefined;
const WEBHOOK_SECRET = randomBytes(24).toString('hex');

/**
 * Replies reach requesters through real providers on loopback: an SMTP server (read back with mailparser), an SMS
 * gateway and a push service (HTTP servers recording what they get) and an integrator's callback (whose signature the
 * test verifies); a gateway down for a minute delivers once when it is back; a provider that stays down ends dead.
 */
describe('delivery of replies to requesters', () => {
  const gateway = new HttpRecorder();
  const pushService = new HttpRecorder();
  const integrator = new HttpRecorder();
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        done();
      }, done);
    },
  });
  const stack = new ServiceStack({
    services: ['intake', 'dispatch', 'publication', 'supervision'],
    logLevel: 'debug',
    environment: (service) =>
      service === 'publication'
        ? {
            DELIVERY_SMS_GATEWAY_URL: `${gateway.url}/v1/sms`,
            DELIVERY_SMS_GATEWAY_TOKEN: 'gateway-token',
            DELIVERY_PUSH_URL: `${pushService.url}/v1/push`,
            DELIVERY_PUSH_TOKEN: 'push-token',
            DELIVERY_SMTP_HOST: '127.0.0.1',
            DELIVERY_SMTP_PORT: String((smtp.server.address() as AddressInfo).port),
            DELIVERY_SMTP_FROM: '12345 热线 <noreply@12345.example.cn>',
            DELIVERY_WEBHOOK_SECRETS: `crm-e2e:${WEBHOOK_SECRET}`,
            DELIVERY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
            DELIVERY_FIRST_RETRY_MS: '1000',
            DELIVERY_MAX_RETRY_MS: '16000',
          }
        : {},
  });
  let bus: KafkaMessageBus;
  let database: DataSource;
  let seal: RequesterContactSeal;
  /** Every contact the test gave: none may appear in a log or in another service's tables. */
  const contacts: string[] = [];

  beforeAll(async () => {
    await Promise.all([gateway.start(), pushService.start(), integrator.start()]);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    await stack.start();
    seal = new RequesterContactSeal(loadContactKeys(stack.contactKey));
    bus = stack.busFor('ugov-test-delivery');
    database = await new DataSource({ type: 'postgres', url: stack.databaseUrl }).initialize();
  });

  afterAll(async () => {
    await bus?.close();
    await database?.destroy();
    await stack.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await Promise.all([gateway.stop(), pushService.stop(), integrator.stop()]);
  });

  /** A case as intake announces it, with the requester's contact sealed for publication. */
  async function submitted(channel: Channel, contact: RequesterContact): Promise<{ caseId: string; trackingNumber: string }> {
    const caseId = randomUUID();
    const trackingNumber = `UG${Date.now()}${Math.floor(Math.random() * 1000)}`;
    contacts.push(...[contact.phone, contact.email, contact.callbackUrl, contact.pushToken].filter((value): value is string => !!value));
    await bus.publish([
      encodeEvent(Events.caseSubmitted, caseId, {
        caseId,
        trackingNumber,
        type: CaseType.COMPLAINT,
        channel,
        description: '小区路灯不亮',
        categoryCode: 'urban.streetlight',
        location: { regionCode: '430102', address: '' },
        submittedAt: timestampFromDate(new Date()),
        sealedContact: seal.seal(contact, caseId),
      }),
    ]);
    await contactKept(caseId);
    return { caseId, trackingNumber };
  }

  const contactKept = (caseId: string) =>
    waitFor(
      'publication to keep the sealed contact',
      async () =>
        (await database.query('SELECT 1 FROM publication.requester_contacts WHERE case_id = $1', [caseId])).length === 1 || undefined,
    );

  /** The department's reply, as processing announces it. */
  async function replied(caseId: string, trackingNumber: string, channel: Channel, replyText: string): Promise<void> {
    await bus.publish([
      encodeEvent(Events.caseReplied, caseId, {
        caseId,
        assignmentId: randomUUID(),
        departmentCode: 'city-works',
        replyText,
        outcome: Outcome.RESOLVED,
        repliedAt: timestampFromDate(new Date()),
        channel,
        trackingNumber,
      }),
    ]);
  }

  const deliveriesOf = async (caseId: string) => {
    const response = await call(stack, 'publication', 'GET', `/v1/cases/${caseId}/deliveries`, KEYS.supervisor);
    expect(response.status).toBe(200);
    return response.body as {
      id: string;
      status: string;
      method: string;
      attempts: number;
      receipt: string | null;
      lastError: string | null;
      message: string;
    }[];
  };
  const deliveredOf = (caseId: string) =>
    waitFor(
      `the reply of ${caseId} delivered`,
      async () => (await deliveriesOf(caseId)).find((delivery) => delivery.status === 'delivered'),
      120_000,
    );

  it('sends an SMS through the gateway to the phone intake sealed, with the tracking number, in Chinese', async () => {
    const phone = '13907315566';
    contacts.push(phone);
    const accepted = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.hotline, {
      type: 'complaint',
      channel: 'hotline-12345',
      hotline: { agentId: 'A0217', callId: 'c-delivery-1' },
      description: '人民路的路灯坏了',
      requester: { name: '欧阳测试', phone },
      location: { regionCode: '430102', address: '人民路 8 号' },
    });
    expect(accepted.status).toBe(201);
    const { id: caseId, trackingNumber } = accepted.body;
    await contactKept(caseId);
    await replied(caseId, trackingNumber, Channel.HOTLINE_12345, '路灯已于今日修复，感谢您的反映。');

    const delivery = await deliveredOf(caseId);
    const sent = gateway.requests.filter((request) => request.headers['idempotency-key'] === delivery.id);
    expect(sent).toHaveLength(1);
    expect(sent[0].path).toBe('/v1/sms');
    expect(sent[0].headers.authorization).toBe('Bearer gateway-token');
    const body = JSON.parse(sent[0].body);
    expect(body).toMatchObject({ to: phone, reference: delivery.id });
    expect(body.text).toContain(`受理编号 ${trackingNumber}`);
    expect(body.text).toContain('路灯已于今日修复');
    expect(body.text).toContain('请对办理结果进行评价');
    expect(delivery).toMatchObject({ method: 'sms', attempts: 1, receipt: expect.stringMatching(/^msg-\d+$/) });
    // The oversight view of a delivery shows how and when, never to whom.
    expect(JSON.stringify(await deliveriesOf(caseId))).not.toContain(phone);
  });

  it('sends an e-mail over SMTP that reads back with its subject, tracking number and Chinese text', async () => {
    const email = `zhang.${randomBytes(3).toString('hex')}@example.cn`;
    const { caseId, trackingNumber } = await submitted(Channel.EMAIL, { phone: '13800001111', email, language: 'zh-Hans' });
    await replied(caseId, trackingNumber, Channel.EMAIL, '经核查，噪音来源为夜间施工，已责令停工整改。');

    const delivery = await deliveredOf(caseId);
    const mail = await waitFor('the mail at the SMTP server', async () =>
      mails.find((candidate) => candidate.messageId === `<${delivery.id}@ugov.delivery>`),
    );
    expect(mail.subject).toBe(`您的诉求 ${trackingNumber} 已办结`);
    expect(mail.text).toContain(`受理编号 ${trackingNumber}`);
    expect(mail.text).toContain('经核查，噪音来源为夜间施工，已责令停工整改。');
    expect((mail.to as { value: { address: string }[] }).value[0].address).toBe(email);
    expect(mail.headers.get('x-ugov-tracking-number')).toBe(trackingNumber);
    expect(delivery).toMatchObject({ method: 'email', attempts: 1 });
    expect(delivery.receipt).toContain(delivery.id);
  });

  it("delivers to what the form gave intake: an e-mail in the requester's language (en), an SMS to the callback number", async () => {
    // An e-mail gateway, as an integrator of channel email, with a key the administrator issues.
    const admin = 'dev-admin-key';
    expect((await call(stack, 'intake', 'POST', '/v1/admin/integrators', admin, { name: 'mail-gateway-e2e' })).status).toBe(201);
    const issued = await call(stack, 'intake', 'POST', '/v1/admin/integrators/mail-gateway-e2e/keys', admin, { channels: ['email'] });
    expect(issued.status).toBe(201);
    const email = `li.${randomBytes(3).toString('hex')}@example.cn`;
    const callbackNumber = '13900005555';
    contacts.push(email, callbackNumber, '13800006666');
    const submittedByForm = async (key: string, body: Record<string, unknown>) => {
      const response = await call(stack, 'intake', 'POST', '/v1/cases', key, {
        type: 'complaint',
        description: '小区路灯不亮',
        requester: { name: '李四', phone: '13800006666' },
        location: { regionCode: '430102' },
        ...body,
      });
      expect(response.status).toBe(201);
      await contactKept(response.body.id);
      return response.body as { id: string; trackingNumber: string };
    };

    const mailed = await submittedByForm(issued.body.key, {
      channel: 'email',
      email: { messageId: `<${randomBytes(4).toString('hex')}@mail.example.cn>` },
      delivery: { email, language: 'en' },
    });
    await replied(mailed.id, mailed.trackingNumber, Channel.EMAIL, 'The streetlight was repaired today.');
    const mailDelivery = await deliveredOf(mailed.id);
    const mail = await waitFor('the mail at the SMTP server', async () =>
      mails.find((candidate) => candidate.messageId === `<${mailDelivery.id}@ugov.delivery>`),
    );
    expect((mail.to as { value: { address: string }[] }).value[0].address).toBe(email);
    expect(mail.subject).toBe(`Your request ${mailed.trackingNumber} has been answered`);
    expect(mail.text).toContain(`tracking number ${mailed.trackingNumber}`);
    expect(mail.text).toContain('The streetlight was repaired today.');
    expect(mailDelivery).toMatchObject({ method: 'email', language: 'en' });

    const called = await submittedByForm(KEYS.portal, { channel: 'web-portal', delivery: { phone: callbackNumber } });
    await replied(called.id, called.trackingNumber, Channel.WEB_PORTAL, '路灯已修复。');
    const smsDelivery = await deliveredOf(called.id);
    const [sms] = gateway.requests.filter((request) => request.headers['idempotency-key'] === smsDelivery.id);
    expect(JSON.parse(sms.body)).toMatchObject({ to: callbackNumber, reference: smsDelivery.id });
    expect(JSON.parse(sms.body).text).toContain(`受理编号 ${called.trackingNumber}`);
  });

  it("posts to the integrator's callback, signed with its secret, in the requester's language (en)", async () => {
    const callbackUrl = `${integrator.url}/callbacks/${randomBytes(4).toString('hex')}`;
    const { caseId, trackingNumber } = await submitted(Channel.WEB_PORTAL, {
      phone: '13800002222',
      callbackUrl,
      integrator: 'crm-e2e',
      language: 'en',
    });
    await replied(caseId, trackingNumber, Channel.WEB_PORTAL, 'The street light was repaired.');

    const delivery = await deliveredOf(caseId);
    const [received] = integrator.requests.filter((request) => request.headers['ugov-webhook-id'] === delivery.id);
    expect(received.path).toBe(new URL(callbackUrl).pathname);
    const timestamp = Number(received.headers['ugov-webhook-timestamp']);
    expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(60);
    const expected = `v1=${createHmac('sha256', WEBHOOK_SECRET).update(`${delivery.id}.${timestamp}.${received.body}`).digest('hex')}`;
    expect(received.headers['ugov-webhook-signature']).toBe(expected);
    const body = JSON.parse(received.body);
    expect(body).toMatchObject({ deliveryId: delivery.id, caseId, trackingNumber, language: 'en' });
    expect(body.text).toContain(`tracking number ${trackingNumber}`);
    expect(body.text).toContain('The street light was repaired.');
    expect(body.subject + body.text.replace('The street light was repaired.', '')).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('delivers exactly once after the gateway was down for a minute, and ends dead (seen by supervision) when a provider stays down', async () => {
    gateway.answerWith(503);
    pushService.answerWith(503);
    const sms = await submitted(Channel.SMS, { phone: '13800003333', language: 'zh-Hans' });
    const push = await submitted(Channel.MOBILE_APP, {
      phone: '13800004444',
      pushToken: `push-${randomBytes(8).toString('hex')}`,
      language: 'zh-Hans',
    });
    await replied(sms.caseId, sms.trackingNumber, Channel.SMS, '已安排人员处理。');
    await replied(push.caseId, push.trackingNumber, Channel.MOBILE_APP, '已安排人员处理。');

    const failing = await waitFor('the SMS delivery failing', async () =>
      (await deliveriesOf(sms.caseId)).find((delivery) => delivery.attempts >= 2),
    );
    expect(failing).toMatchObject({ status: 'pending', lastError: 'the SMS gateway answered 503' });
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    expect((await deliveriesOf(sms.caseId))[0].status).toBe('pending');
    gateway.answerWith(200);

    const delivery = await deliveredOf(sms.caseId);
    const tries = gateway.requests.filter((request) => referenceOf(request) === delivery.id);
    // Every try carried the same idempotency key; exactly one went through.
    expect(new Set(tries.map((request) => request.headers['idempotency-key']))).toEqual(new Set([delivery.id]));
    expect(tries.filter((request) => request.status === 200)).toHaveLength(1);
    expect(tries.length).toBe(delivery.attempts);
    expect(delivery.attempts).toBeGreaterThan(3);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(gateway.requests.filter((request) => referenceOf(request) === delivery.id)).toHaveLength(tries.length);

    const dead = await waitFor(
      'the push delivery dead',
      async () => (await deliveriesOf(push.caseId)).find((candidate) => candidate.status === 'dead'),
      120_000,
    );
    expect(dead).toMatchObject({ method: 'push', attempts: MAX_ATTEMPTS, lastError: 'the push service answered 503' });
    expect(pushService.requests.filter((request) => referenceOf(request) === dead.id)).toHaveLength(MAX_ATTEMPTS);
    const hop = await waitFor('the failed delivery on the timeline', async () => {
      const timeline = await call(stack, 'supervision', 'GET', `/v1/cases/${push.caseId}/timeline`, KEYS.supervisor);
      return timeline.body.hops?.find((candidate: { type: string }) => candidate.type === Events.deliveryFailed.type);
    });
    expect(hop.details).toEqual({
      deliveryId: dead.id,
      channel: 'mobile-app',
      method: 'push',
      attempts: String(MAX_ATTEMPTS),
      lastError: 'the push service answered 503',
    });
  }, 240_000);

  it('leaves no contact in any log, nor in dispatch or supervision, and only a sealed one in publication', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500)); // let the last lines reach the files
    expect(contacts).toHaveLength(11);
    for (const file of stack.logFiles) {
      const log = readFileSync(file, 'utf8');
      expect({ file, found: contacts.filter((contact) => log.includes(contact)) }).toEqual({ file, found: [] });
    }
    for (const schema of ['dispatch', 'supervision', 'publication']) {
      const tables: { table_name: string }[] = await database.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
        [schema],
      );
      expect(tables.length).toBeGreaterThan(0);
      let dump = '';
      for (const { table_name } of tables) dump += JSON.stringify(await database.query(`SELECT * FROM ${schema}."${table_name}"`));
      expect({ schema, found: contacts.filter((contact) => dump.includes(contact)) }).toEqual({ schema, found: [] });
    }
  });
});
