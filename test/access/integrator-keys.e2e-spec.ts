import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DevIssuer, repoRoot, ServiceStack, waitFor } from '@ugov/testing';
import { call, complaint } from '../u-loop/http';
import { devIssuerUrl, devToken } from './credentials';

/** The secret of `ugk_<key id>_<secret>`: base64url, so it may hold '_' itself (a test once took its last piece, "e"). */
const secretOf = (key: string): string => key.split('_').slice(2).join('_');

/**
 * Integrators' keys as an administrator manages them (admin API and `npm run keys`), and staff tokens as
 * intake checks them: rotation, revocation, channels and operations per key, rate limits, expiry,
 * issuer and audience.
 */
describe('integrator keys and staff tokens', () => {
  const stack = new ServiceStack({ services: ['intake'], logLevel: 'warn', environment: () => ({ UGOV_JWT_CLOCK_SKEW_SECONDS: '0' }) });
  let admin: string;

  const issueKey = async (integrator: string, grant: Record<string, unknown>) => {
    const issued = await call(stack, 'intake', 'POST', `/v1/admin/integrators/${integrator}/keys`, admin, grant);
    expect(issued.status).toBe(201);
    return issued.body as { key: string; keyId: string; channels: string[]; operations: string[] };
  };
  /** What each channel used here must carry besides the case (see README, Request types and channels). */
  const channelDetails: Record<string, object> = {
    'hotline-12345': { hotline: { agentId: 'A0217', callId: 'c-1' } },
    kiosk: { kiosk: { terminalId: 'kiosk-7' } },
  };
  // In English, so that the problems' details below read as written.
  const submit = (key: string, channel = 'web-portal') =>
    call(stack, 'intake', 'POST', '/v1/cases', key, complaint('路灯坏了', { channel, ...channelDetails[channel] }), {
      'accept-language': 'en',
    });

  beforeAll(async () => {
    await stack.start();
    admin = await devToken('dev-admin');
    for (const name of ['web-portal-a', 'hotline-b', 'kiosk-c']) {
      expect((await call(stack, 'intake', 'POST', '/v1/admin/integrators', admin, { name })).status).toBe(201);
    }
  });
  afterAll(() => stack.stop());

  it('issues a key an integrator submits with, shown once and stored only as a hash', async () => {
    const issued = await issueKey('web-portal-a', { channels: ['web-portal', 'mobile-app'] });
    expect(issued).toMatchObject({ channels: ['web-portal', 'mobile-app'], operations: ['submit-case', 'read-case'] });
    const submitted = await submit(issued.key);
    expect(submitted.status).toBe(201);
    expect((await call(stack, 'intake', 'GET', `/v1/cases/${submitted.body.id}`, issued.key)).status).toBe(200);

    const listed = await call(stack, 'intake', 'GET', '/v1/admin/integrators', admin);
    expect(listed.status).toBe(200);
    expect(secretOf(issued.key)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(listed.body)).not.toContain(secretOf(issued.key));
    const database = new Client({ connectionString: stack.databaseUrl });
    await database.connect();
    try {
      const { rows } = await database.query(`SELECT row_to_json(k)::text AS row FROM intake.integrator_keys k WHERE id = $1`, [
        issued.keyId,
      ]);
      expect(rows).toHaveLength(1);
      expect(rows[0].row).not.toContain(secretOf(issued.key));
    } finally {
      await database.end();
    }
  });

  it('refuses a case on a channel the key is not allowed, naming channel', async () => {
    const issued = await issueKey('hotline-b', { channels: ['hotline-12345'] });
    expect((await submit(issued.key, 'hotline-12345')).status).toBe(201);
    const refused = await submit(issued.key, 'web-portal');
    expect(refused.status).toBe(403);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([{ field: 'channel', reason: expect.stringContaining('hotline-12345') }]);
  });

  it('keeps a key to its operations', async () => {
    const submitOnly = await issueKey('hotline-b', { channels: ['hotline-12345'], operations: ['submit-case'] });
    const submitted = await submit(submitOnly.key, 'hotline-12345');
    expect(submitted.status).toBe(201);
    const read = await call(stack, 'intake', 'GET', `/v1/cases/${submitted.body.id}`, submitOnly.key);
    expect(read.status).toBe(403);
    expect(read.body.detail).toContain('read-case');
  });

  it('rotates a key: old and new both work until the overlap ends, then only the new one', async () => {
    const old = await issueKey('web-portal-a', { channels: ['web-portal'] });
    const rotated = await call(stack, 'intake', 'POST', `/v1/admin/keys/${old.keyId}/rotate`, admin, { overlapSeconds: 2 });
    expect(rotated.status).toBe(201);
    expect(rotated.body.key).not.toBe(old.key);
    expect(rotated.body.channels).toEqual(['web-portal']);
    expect((await submit(old.key)).status).toBe(201);
    expect((await submit(rotated.body.key)).status).toBe(201);
    // The overlap ends, and intake reads keys again at most every 5 s.
    await waitFor('the old key to stop working', async () => ((await submit(old.key)).status === 401 ? true : undefined), 15000, 500);
    expect((await submit(rotated.body.key)).status).toBe(201);
    expect((await call(stack, 'intake', 'POST', `/v1/admin/keys/${old.keyId}/rotate`, admin, {})).status).toBe(409);
  });

  it('revokes a key at once', async () => {
    const issued = await issueKey('web-portal-a', { channels: ['web-portal'] });
    expect((await submit(issued.key)).status).toBe(201);
    const revoked = await call(stack, 'intake', 'POST', `/v1/admin/keys/${issued.keyId}/revoke`, admin);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await submit(issued.key);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('the API key is not known');
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="ugov"');
  });

  it('answers 429 with Retry-After once a key is over its rate limit, and other keys go on', async () => {
    const limited = await issueKey('kiosk-c', { channels: ['kiosk'], rateLimitPerMinute: 3 });
    const other = await issueKey('kiosk-c', { channels: ['kiosk'] });
    for (let i = 0; i < 3; i++) expect((await submit(limited.key, 'kiosk')).status).toBe(201);
    const refused = await submit(limited.key, 'kiosk');
    expect(refused.status).toBe(429);
    expect(refused.contentType).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await submit(other.key, 'kiosk')).status).toBe(201);
  });

  it('takes an Idempotency-Key on every admin POST: the same key and body get the first answer, another body 422', async () => {
    const post = (path: string, body: unknown, key: string) =>
      call(stack, 'intake', 'POST', `/v1/admin/${path}`, admin, body, { 'idempotency-key': key });
    const database = new Client({ connectionString: stack.databaseUrl });
    await database.connect();
    const count = async (sql: string, parameter: string) => Number((await database.query(sql, [parameter])).rows[0].count);
    try {
      const registered = await post('integrators', { name: 'idem-d' }, 'register-1');
      expect(registered).toMatchObject({ status: 201, headers: { 'idempotent-replayed': 'false' } });
      expect(await post('integrators', { name: 'idem-d' }, 'register-1')).toMatchObject({
        status: 201,
        body: registered.body,
        headers: { 'idempotent-replayed': 'true' },
      });
      const reused = await post('integrators', { name: 'idem-e' }, 'register-1');
      expect(reused).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });
      expect(reused.contentType).toContain('application/problem+json');
      expect(await count(`SELECT count(*) FROM intake.integrators WHERE name LIKE $1`, 'idem-%')).toBe(1);

      // The secret is in no stored answer: the retry gets the same key with a new secret, and the first one stops working.
      const issued = await post('integrators/idem-d/keys', { channels: ['web-portal'] }, 'issue-1');
      expect(issued.status).toBe(201);
      const reissued = await post('integrators/idem-d/keys', { channels: ['web-portal'] }, 'issue-1');
      expect(reissued).toMatchObject({ status: 201, headers: { 'idempotent-replayed': 'true' } });
      expect({ ...reissued.body, key: undefined }).toEqual({ ...issued.body, key: undefined });
      expect(reissued.body.key).not.toBe(issued.body.key);
      expect((await submit(issued.body.key)).status).toBe(401);
      expect((await submit(reissued.body.key)).status).toBe(201);
      expect((await post('integrators/idem-d/keys', { channels: ['mobile-app'] }, 'issue-1')).status).toBe(422);
      expect(await count(`SELECT count(*) FROM intake.integrator_keys WHERE integrator = $1`, 'idem-d')).toBe(1);
      const answers = await database.query(`SELECT response::text AS response FROM intake.admin_action_keys`);
      for (const { response } of answers.rows) expect(response).not.toContain(secretOf(reissued.body.key));

      const rotated = await post(`keys/${issued.body.keyId}/rotate`, { overlapSeconds: 60 }, 'rotate-1');
      expect(rotated.status).toBe(201);
      const rotatedAgain = await post(`keys/${issued.body.keyId}/rotate`, { overlapSeconds: 60 }, 'rotate-1');
      expect(rotatedAgain).toMatchObject({ status: 201, body: { keyId: rotated.body.keyId }, headers: { 'idempotent-replayed': 'true' } });
      expect((await submit(rotatedAgain.body.key)).status).toBe(201);
      expect((await post(`keys/${issued.body.keyId}/rotate`, { overlapSeconds: 0 }, 'rotate-1')).status).toBe(422);
      expect(await count(`SELECT count(*) FROM intake.integrator_keys WHERE integrator = $1`, 'idem-d')).toBe(2);

      const revoked = await post(`keys/${rotated.body.keyId}/revoke`, undefined, 'revoke-1');
      expect(revoked).toMatchObject({ status: 200, headers: { 'idempotent-replayed': 'false' } });
      expect(await post(`keys/${rotated.body.keyId}/revoke`, undefined, 'revoke-1')).toMatchObject({
        status: 200,
        body: revoked.body,
        headers: { 'idempotent-replayed': 'true' },
      });
      expect((await post(`keys/${issued.body.keyId}/revoke`, undefined, 'revoke-1')).status).toBe(422);
      expect((await post('integrators', { name: 'idem-f' }, 'x'.repeat(201))).body.errors).toEqual([
        expect.objectContaining({ field: 'Idempotency-Key' }),
      ]);
    } finally {
      await database.end();
    }
  });

  it('refuses bad key requests naming the field, and key management to anyone but an administrator', async () => {
    const bad = await call(stack, 'intake', 'POST', '/v1/admin/integrators/kiosk-c/keys', admin, { channels: ['fax'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('channels');
    expect((await call(stack, 'intake', 'POST', '/v1/admin/integrators/nobody/keys', admin, { channels: ['kiosk'] })).status).toBe(404);
    for (const caller of [await devToken('dev-supervisor'), await devToken('dev-dispatcher'), 'dev-portal-key']) {
      expect((await call(stack, 'intake', 'POST', '/v1/admin/integrators', caller, { name: 'sneaky' })).status).toBe(403);
    }
    expect((await call(stack, 'intake', 'GET', '/v1/admin/integrators', undefined)).status).toBe(401);
  });

  it('manages keys from the command line as well', async () => {
    const keys = (...args: string[]) =>
      promisify(execFile)(process.execPath, [join(repoRoot, 'dist', 'scripts', 'keys', 'keys.js'), ...args], {
        env: { ...process.env, DATABASE_URL: stack.databaseUrl },
      });
    await keys('register', 'cli-kiosk');
    const { stdout } = await keys('issue', 'cli-kiosk', '--channels', 'kiosk', '--rate', '100');
    const key = /^(ugk_\S+)$/m.exec(stdout)?.[1];
    expect(key).toBeDefined();
    expect((await submit(key!, 'kiosk')).status).toBe(201);
    const keyId = key!.split('_')[1];
    await keys('revoke', keyId);
    await waitFor(
      'the revoked key to stop working',
      async () => ((await submit(key!, 'kiosk')).status === 401 ? true : undefined),
      15000,
      500,
    );
    expect((await keys('list')).stdout).toContain(`${keyId}  revoked`);
    await expect(keys('issue', 'cli-kiosk', '--channels', 'fax')).rejects.toThrow(/channels must be one or more of/);
  });

  describe('staff tokens', () => {
    // The reasons below are asserted as written, in English.
    const ENGLISH = { 'accept-language': 'en' };

    it('accepts a token of the trusted issuer, and refuses it once expired', async () => {
      const token = await devToken('dev-supervisor', { expiresIn: 2 });
      const issued = await submit('dev-portal-key');
      expect((await call(stack, 'intake', 'GET', `/v1/cases/${issued.body.id}`, token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const expired = await call(stack, 'intake', 'GET', `/v1/cases/${issued.body.id}`, token, undefined, ENGLISH);
      expect(expired.status).toBe(401);
      expect(expired.body.detail).toBe('the token has expired');
    });

    it('refuses a token for another audience, and one from another issuer', async () => {
      const otherAudience = await call(
        stack,
        'intake',
        'GET',
        '/v1/admin/integrators',
        await devToken('dev-admin', { audience: 'payroll' }),
        undefined,
        ENGLISH,
      );
      expect(otherAudience.status).toBe(401);
      expect(otherAudience.body.detail).toBe('the token is not meant for ugov (audience)');

      const impostor = await new DevIssuer().start();
      try {
        const foreign = await call(
          stack,
          'intake',
          'GET',
          '/v1/admin/integrators',
          await impostor.tokenFor('dev-admin'),
          undefined,
          ENGLISH,
        );
        expect(foreign.status).toBe(401);
        // Its own issuer name and its own key: either alone is enough to refuse it.
        expect(foreign.body.detail).toMatch(/not issued by the trusted identity provider|not signed by a key of the trusted/);
        const claimingOurs = await call(
          stack,
          'intake',
          'GET',
          '/v1/admin/integrators',
          await impostor.tokenFor('dev-admin', { issuer: devIssuerUrl() }),
          undefined,
          ENGLISH,
        );
        expect(claimingOurs.status).toBe(401);
        expect(claimingOurs.body.detail).toBe('the token is not signed by a key of the trusted identity provider');
      } finally {
        await impostor.stop();
      }
    });
  });
});

describe('without UGOV_DEV_AUTH', () => {
  const stack = new ServiceStack({
    services: ['intake'],
    logLevel: 'warn',
    environment: () => ({
      UGOV_DEV_AUTH: 'false',
      NODE_ENV: 'development',
      UGOV_JWKS_URL: `${devIssuerUrl()}/.well-known/jwks.json`,
      UGOV_JWT_ISSUER: devIssuerUrl(),
    }),
  });
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('knows none of the development keys, whatever NODE_ENV says, and still takes the identity provider its settings name', async () => {
    for (const key of ['dev-portal-key', 'dev-admin-key', 'dev-supervisor-key']) {
      const refused = await call(stack, 'intake', 'GET', '/v1/admin/integrators', key);
      expect(refused.status).toBe(401);
    }
    expect((await call(stack, 'intake', 'GET', '/v1/admin/integrators', await devToken('dev-admin'))).status).toBe(200);
  });
});
