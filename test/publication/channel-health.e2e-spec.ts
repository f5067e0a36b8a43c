import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { CaseType, Channel, Events, Outcome, timestampFromDate } from '@ugov/contracts';
import { encodeEvent, KafkaMessageBus } from '@ugov/messaging';
import { loadContactKeys, RequesterContactSeal } from '@ugov/platform';
import { HttpRecorder, ServiceStack, waitFor } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

interface ChannelHealth {
  method: string;
  status: string;
  detail: string | null;
  checkedAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  queue: { pending: number; dead: number };
}

/**
 * The health of the delivery channels against real providers on loopback: the SMTP server of the delivery spec (EHLO,
 * nothing sent), an SMS gateway with a health URL, a push service without one (a TCP connection, no request). Stopping the SMTP
 * server takes the e-mail channel down (found by the periodic probe, without anyone asking) and a reply sent meanwhile
 * ends dead in its queue; starting it again on the same port brings the channel back. /health does not change.
 */
describe('delivery channel health', () => {
  const gateway = new HttpRecorder();
  const gatewayHealth = new HttpRecorder();
  const pushService = new HttpRecorder();
  const smtpServer = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _s, done) => stream.on('end', () => done()).resume(),
    });
  let smtp = smtpServer();
  let smtpPort = 0;
  const stack = new ServiceStack({
    services: ['publication'],
    environment: () => ({
      DELIVERY_SMS_GATEWAY_URL: `${gateway.url}/v1/sms`,
      DELIVERY_SMS_GATEWAY_TOKEN: 'gateway-token',
      DELIVERY_SMS_GATEWAY_HEALTH_URL: `${gatewayHealth.url}/health`,
      DELIVERY_PUSH_URL: `${pushService.url}/v1/push`,
      DELIVERY_PUSH_TOKEN: 'push-token',
      DELIVERY_SMTP_HOST: '127.0.0.1',
      DELIVERY_SMTP_PORT: String(smtpPort),
      DELIVERY_SMTP_FROM: 'noreply@12345.example.cn',
      DELIVERY_MAX_ATTEMPTS: '1',
      CHANNEL_HEALTH_CHECK_MS: '300',
    }),
  });
  let bus: KafkaMessageBus;
  let database: DataSource;
  let seal: RequesterContactSeal;

  beforeAll(async () => {
    await Promise.all([gateway.start(), gatewayHealth.start(), pushService.start()]);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
    await stack.start();
    seal = new RequesterContactSeal(loadContactKeys(stack.contactKey));
    bus = stack.busFor('ugov-test-channel-health');
    database = await new DataSource({ type: 'postgres', url: stack.databaseUrl }).initialize();
  });

  afterAll(async () => {
    await bus?.close();
    await database?.destroy();
    await stack.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await Promise.all([gateway.stop(), gatewayHealth.stop(), pushService.stop()]);
  });

  const healthOf = async (): Promise<Record<string, ChannelHealth>> => {
    const response = await call(stack, 'publication', 'GET', '/v1/channels/health', KEYS.supervisor);
    expect(response.status).toBe(200);
    return Object.fromEntries((response.body.channels as ChannelHealth[]).map((channel) => [channel.method, channel]));
  };
  const storedStatusOf = async (method: string) =>
    ((await database.query('SELECT status FROM publication.channel_health WHERE method = $1', [method])) as { status: string }[])[0]
      ?.status;

  it('reports every channel up, from a probe that sends nothing, with its empty queue', async () => {
    const health = await healthOf();
    expect(Object.keys(health)).toEqual(['sms', 'email', 'webhook', 'push', 'open311']);
    expect(health.email).toMatchObject({ status: 'up', consecutiveFailures: 0, lastFailureAt: null, queue: { pending: 0, dead: 0 } });
    expect(health.email.detail).toBe(`EHLO 127.0.0.1:${smtpPort} accepted`);
    expect(health.sms).toMatchObject({ status: 'up', detail: 'GET 200' });
    expect(health.push.status).toBe('up');
    expect(health.push.detail).toMatch(/^TCP 127\.0\.0\.1:\d+ open$/);
    expect(health.webhook.status).toBe('not-configured');
    expect(health.open311.status).toBe('up');
    expect(gatewayHealth.requests.every((request) => request.path === '/health')).toBe(true);
    expect(gateway.requests).toEqual([]);
    expect(pushService.requests).toEqual([]);
  });

  it('is asked by supervisors and admins only', async () => {
    expect((await call(stack, 'publication', 'GET', '/v1/channels/health', KEYS.reviewer)).status).toBe(403);
    expect((await call(stack, 'publication', 'GET', '/v1/channels/health', undefined)).status).toBe(401);
  });

  it('sees the SMTP server stop, counts a reply that dies meanwhile, and sees it come back', async () => {
    const before = (await healthOf()).email;
    await new Promise<void>((resolve) => smtp.close(() => resolve()));

    // The periodic probe finds it: nobody calls the route until it has.
    await waitFor('the periodic probe to record the e-mail channel down', async () => (await storedStatusOf('email')) === 'down');
    const { caseId } = await repliedByEmail();
    await waitFor('the reply sent while SMTP is down to end dead', async () => {
      const [row] = (await database.query('SELECT status FROM publication.deliveries WHERE case_id = $1', [caseId])) as {
        status: string;
      }[];
      return row?.status === 'dead';
    });
    const down = (await healthOf()).email;
    expect(down).toMatchObject({ status: 'down', queue: { pending: 0, dead: 1 } });
    expect(down.consecutiveFailures).toBeGreaterThanOrEqual(2);
    expect(down.lastError).toMatch(/^the SMTP server did not answer EHLO: /);
    expect(Date.parse(down.lastSuccessAt!)).toBeGreaterThanOrEqual(Date.parse(before.lastSuccessAt!));
    expect(Date.parse(down.lastFailureAt!)).toBeGreaterThan(Date.parse(down.lastSuccessAt!));
    expect((await healthOf()).sms.status).toBe('up');
    // Publication itself is ready: its /health is about its database and Kafka.
    expect((await call(stack, 'publication', 'GET', '/health', undefined)).status).toBe(200);

    smtp = smtpServer();
    await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
    await waitFor('the e-mail channel back up', async () => (await storedStatusOf('email')) === 'up');
    const back = (await healthOf()).email;
    expect(back).toMatchObject({ status: 'up', consecutiveFailures: 0, lastError: down.lastError, queue: { pending: 0, dead: 1 } });
    expect(Date.parse(back.lastSuccessAt!)).toBeGreaterThan(Date.parse(down.lastFailureAt!));
  });

  /** A case submitted by e-mail, with the requester's address sealed for publication, and its reply. */
  async function repliedByEmail(): Promise<{ caseId: string }> {
    const caseId = randomUUID();
    const trackingNumber = `UG${Date.now()}`;
    await bus.publish([
      encodeEvent(Events.caseSubmitted, caseId, {
        caseId,
        trackingNumber,
        type: CaseType.COMPLAINT,
        channel: Channel.EMAIL,
        description: '小区路灯不亮',
        location: { regionCode: '430102', address: '' },
        submittedAt: timestampFromDate(new Date()),
        sealedContact: seal.seal({ email: 'health@example.cn', language: 'zh-Hans' }, caseId),
      }),
    ]);
    await waitFor(
      'publication to keep the sealed contact',
      async () =>
        (await database.query('SELECT 1 FROM publication.requester_contacts WHERE case_id = $1', [caseId])).length === 1 || undefined,
    );
    await bus.publish([
      encodeEvent(Events.caseReplied, caseId, {
        caseId,
        assignmentId: randomUUID(),
        departmentCode: 'city-works',
        replyText: '路灯已修复。',
        outcome: Outcome.RESOLVED,
        repliedAt: timestampFromDate(new Date()),
        channel: Channel.EMAIL,
        trackingNumber,
      }),
    ]);
    return { caseId };
  }
});
