import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, repoRoot, ServiceStack, waitFor } from '@ugov/testing';
import { call, complaint, KEYS } from '../u-loop/http';

/**
 * A department integrated over REST: new work is announced by signed webhooks, which survive its endpoint being
 * down for a minute, and the example receiver (examples/webhook-receiver) verifies them and refuses replays.
 */
const SECRET = 'housing-webhook-secret-0123456789';

interface Report {
  readonly outcome: 'listening' | 'processed' | 'duplicate' | 'refused';
  readonly id?: string;
  readonly status?: number;
  readonly reason?: string;
  readonly assignmentId?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

describe('a department integrated over REST and webhooks', () => {
  let port: number;
  let stack: ServiceStack;
  let receiver: ChildProcess | undefined;
  const reports: Report[] = [];

  beforeAll(async () => {
    port = await freePort();
    stack = new ServiceStack({
      environment: (service) =>
        service === 'processing'
          ? { PROCESSING_WEBHOOK_URLS: `city-housing=http://127.0.0.1:${port}/ugov`, PROCESSING_WEBHOOK_SECRETS: `city-housing=${SECRET}` }
          : {},
    });
    await stack.start();
  });

  afterAll(async () => {
    receiver?.kill();
    await stack.stop();
  });

  async function startReceiver(): Promise<void> {
    receiver = spawn('python3', [join(repoRoot, 'examples/webhook-receiver/receiver.py'), String(port)], {
      env: { ...process.env, WEBHOOK_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: receiver.stdout! }).on('line', (line) => reports.push(JSON.parse(line) as Report));
    await waitFor('the receiver to listen', async () => reports.some((report) => report.outcome === 'listening') || undefined);
  }

  const deliveries = async (key = KEYS.department('city-housing')) =>
    call(stack, 'processing', 'GET', '/v1/departments/city-housing/webhook-deliveries', key);

  const post = (headers: Record<string, string>, body: string) =>
    fetch(`http://127.0.0.1:${port}/ugov`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('delivers new work once after the endpoint was down for a minute; the receiver verifies it and refuses replays', async () => {
    const downSince = Date.now();
    const submitted = await call(
      stack,
      'intake',
      'POST',
      '/v1/cases',
      KEYS.portal,
      complaint('小区门口的路灯坏了一个月，晚上很不安全', { location: { regionCode: '430104' } }),
    );
    const failing = await waitFor('failed attempts while the endpoint is down', async () => {
      const log = await deliveries();
      const [delivery] = log.body;
      return delivery?.attempts >= 2 ? delivery : undefined;
    });
    expect(failing).toMatchObject({
      status: 'pending',
      event: 'assignment.assigned',
      lastResponseStatus: null,
      lastError: expect.any(String),
    });
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 60_000 - (Date.now() - downSince))));

    await startReceiver();
    const delivered = await waitFor(
      'the delivery once the endpoint is up',
      async () => {
        const [delivery] = (await deliveries()).body;
        return delivery?.status === 'delivered' ? delivery : undefined;
      },
      60_000,
    );
    expect(delivered.attempts).toBeGreaterThanOrEqual(5);
    expect(delivered).toMatchObject({ lastResponseStatus: 200, lastError: null, deliveredAt: expect.any(String), nextAttemptAt: null });

    const processed = reports.filter((report) => report.outcome === 'processed');
    expect(processed).toHaveLength(1);
    expect(processed[0]).toMatchObject({ id: delivered.id, event: 'assignment.assigned', assignmentId: delivered.assignmentId });
    const list = await call(stack, 'processing', 'GET', '/v1/departments/city-housing/assignments', KEYS.department('city-housing'));
    expect(list.body.find((assignment: { id: string }) => assignment.id === delivered.assignmentId).caseId).toBe(submitted.body.id);

    // The same request again (a replay): not processed twice.
    const { headers, body } = processed[0];
    expect((await post(headers!, body!)).status).toBe(200);
    // A body changed on the way: the signature does not match.
    expect((await post(headers!, body!.replace('路灯', '水管'))).status).toBe(401);
    // An old request, correctly signed: outside the replay window.
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    const oldSignature = `v1=${createHmac('sha256', SECRET).update(`${delivered.id}.${old}.${body}`).digest('hex')}`;
    const stale = await post({ ...headers, 'ugov-webhook-timestamp': old, 'ugov-webhook-signature': oldSignature }, body!);
    expect(stale.status).toBe(400);
    await waitFor('the receiver to report the three', async () => (reports.length >= 5 ? true : undefined));
    expect(reports.slice(-3).map((report) => [report.outcome, report.reason])).toEqual([
      ['duplicate', undefined],
      ['refused', 'signature does not match'],
      ['refused', 'timestamp outside the replay window'],
    ]);
    expect(reports.filter((report) => report.outcome === 'processed')).toHaveLength(1);
  });

  it('lets only the department itself and oversight staff read its delivery log', async () => {
    expect((await deliveries(KEYS.department('city-hrss'))).status).toBe(403);
    expect((await deliveries(KEYS.supervisor)).status).toBe(200);
    expect((await deliveries(KEYS.portal)).status).toBe(403);
  });
});
