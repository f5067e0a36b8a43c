import { Client } from 'pg';
import { ServiceStack, TcpProxy, waitFor } from '@ugov/testing';
import { call, complaint, KEYS, type ApiResponse } from '../u-loop/http';

/** Intake with its database behind a proxy the test can cut or freeze, and room for only a few requests at once. */
describe('intake when what it needs is down or it is overloaded', () => {
  const MAX_IN_FLIGHT = 4;
  let proxy: TcpProxy;
  let stack: ServiceStack;
  let db: Client;

  beforeAll(async () => {
    const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ugov');
    proxy = await TcpProxy.start(server.hostname, Number(server.port || 5432));
    stack = await new ServiceStack({
      services: ['intake'],
      environment: (_service, self) => ({ DATABASE_URL: proxy.urlThrough(self.databaseUrl), HTTP_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT) }),
    }).start();
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await proxy?.close();
  });

  const storedCases = async () => (await db.query('SELECT count(*)::int AS n FROM intake.cases')).rows[0].n as number;

  function expectRetryLater(response: ApiResponse, code: string): void {
    expect(response.status).toBe(503);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.code).toBe(code);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  }

  it('answers 503 with Retry-After while the database is down, and accepts again once it is back', async () => {
    const before = await storedCases();
    proxy.cut();
    try {
      expectRetryLater(await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint('井盖丢失，十分危险')), 'unavailable');
      const health = await call(stack, 'intake', 'GET', '/health', undefined);
      expect(health).toMatchObject({ status: 503, body: { status: 'down', checks: { database: 'down' } } });
      expect(Number(health.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      proxy.restore();
    }
    const accepted = await waitFor('intake to accept again', async () => {
      const response = await call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint('井盖丢失，十分危险'));
      return response.status === 201 ? response : undefined;
    });
    expect(accepted.body.id).toEqual(expect.any(String));
    expect(await storedCases()).toBe(before + 1);
  });

  it('sheds load with 503 and Retry-After instead of queueing, and keeps every case it took', async () => {
    const before = await storedCases();
    // The database hangs: requests that reach it stay in flight, and the service is soon full.
    proxy.freeze();
    const answers: Promise<ApiResponse>[] = [];
    try {
      for (let index = 0; index < 3 * MAX_IN_FLIGHT; index++) {
        answers.push(call(stack, 'intake', 'POST', '/v1/cases', KEYS.portal, complaint(`第${index}号：噪音扰民`)));
      }
      const settled = new Set<number>();
      answers.forEach((answer, index) => void answer.then(() => settled.add(index)));
      await waitFor('the requests beyond the limit to be turned away', () => settled.size >= 2 * MAX_IN_FLIGHT, 10000, 20);
      for (const index of settled) expectRetryLater(await answers[index], 'overloaded');
      const health = await call(stack, 'intake', 'GET', '/health', undefined);
      expect(health.body).toMatchObject({ checks: { database: 'down' } });
    } finally {
      proxy.restore();
    }
    const all = await Promise.all(answers);
    const created = all.filter((answer) => answer.status === 201);
    for (const answer of all.filter((candidate) => candidate.status !== 201)) expect([503]).toContain(answer.status);
    expect(created.length).toBeGreaterThan(0);
    expect(await storedCases()).toBe(before + created.length);
  });
});
