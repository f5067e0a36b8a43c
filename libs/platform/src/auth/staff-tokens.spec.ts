import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { StaffTokenSettings } from './auth.config';
import { looksLikeJwt, StaffTokenVerifier, stringsAt } from './staff-tokens';

const ISSUER = 'https://id.city.example';

describe('StaffTokenVerifier', () => {
  let key: CryptoKey;
  let otherKey: CryptoKey;
  let verifier: StaffTokenVerifier;
  const settings = (jwk: JWK, extra: Partial<StaffTokenSettings> = {}): StaffTokenSettings => ({
    jwks: { keys: { keys: [jwk] }, file: 'test' },
    issuer: ISSUER,
    audience: 'ugov',
    clockSkewSeconds: 30,
    rolesClaim: 'roles',
    departmentsClaim: 'departments',
    ...extra,
  });

  const token = (
    claims: Record<string, unknown>,
    options: { issuer?: string; audience?: string; expiresIn?: number; signWith?: CryptoKey } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? 'ugov')
      .setSubject('zhang.wei')
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .sign(options.signWith ?? key);
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    key = pair.privateKey;
    otherKey = (await generateKeyPair('ES256')).privateKey;
    verifier = new StaffTokenVerifier(settings({ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }));
  });

  it("reads a staff member's roles and departments", async () => {
    await expect(verifier.verify(await token({ roles: ['department'], departments: ['city-housing', 'city-health'] }))).resolves.toEqual({
      subject: 'zhang.wei',
      roles: ['department'],
      departments: ['city-housing', 'city-health'],
    });
    await expect(verifier.verify(await token({ roles: ['supervisor', 'offline_access'], departments: ['city-housing'] }))).resolves.toEqual(
      {
        subject: 'zhang.wei',
        roles: ['supervisor'],
        departments: [],
      },
    );
  });

  it('refuses an expired token, and accepts one just expired within the clock skew', async () => {
    await expect(verifier.verify(await token({ roles: ['dispatcher'] }, { expiresIn: -60 }))).rejects.toThrow('the token has expired');
    await expect(verifier.verify(await token({ roles: ['dispatcher'] }, { expiresIn: -10 }))).resolves.toMatchObject({
      roles: ['dispatcher'],
    });
  });

  it('refuses another issuer, another audience and another signing key', async () => {
    await expect(verifier.verify(await token({ roles: ['admin'] }, { issuer: 'https://evil.example' }))).rejects.toThrow(
      'the token was not issued by the trusted identity provider',
    );
    await expect(verifier.verify(await token({ roles: ['admin'] }, { audience: 'payroll' }))).rejects.toThrow(
      'the token is not meant for ugov',
    );
    await expect(verifier.verify(await token({ roles: ['admin'] }, { signWith: otherKey }))).rejects.toThrow(
      'not signed by a key of the trusted',
    );
    await expect(verifier.verify('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).rejects.toThrow();
  });

  it('refuses a token without a ugov role, or one granting what only keys and tracking codes grant', async () => {
    await expect(verifier.verify(await token({ roles: ['integrator', 'requester'] }))).rejects.toThrow('grants no ugov role');
    await expect(verifier.verify(await token({}))).rejects.toThrow('grants no ugov role');
  });

  it('ties a department system to exactly one department, and department staff to at least one', async () => {
    await expect(verifier.verify(await token({ roles: ['department-system'], departments: ['city-housing'] }))).resolves.toMatchObject({
      roles: ['department-system'],
      departments: ['city-housing'],
    });
    await expect(verifier.verify(await token({ roles: ['department-system'], departments: ['a', 'b'] }))).rejects.toThrow('exactly one');
    await expect(verifier.verify(await token({ roles: ['department'] }))).rejects.toThrow('names its departments');
  });

  it('reads roles from a nested claim, as identity providers like Keycloak put them', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const nested = new StaffTokenVerifier(
      settings({ ...(await exportJWK(pair.publicKey)), kid: 'k1' }, { rolesClaim: 'realm_access.roles' }),
    );
    await expect(
      nested.verify(await token({ realm_access: { roles: ['reviewer'] } }, { signWith: pair.privateKey })),
    ).resolves.toMatchObject({
      roles: ['reviewer'],
    });
  });

  it('tells tokens from API keys, and reads claims as lists', () => {
    expect(looksLikeJwt('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe(true);
    expect(looksLikeJwt('dev-portal-key')).toBe(false);
    expect(stringsAt({ scope: 'a b' }, 'scope')).toEqual(['a', 'b']);
    expect(stringsAt({ a: { b: ['x', 1, ''] } }, 'a.b')).toEqual(['x']);
  });
});

describe('StaffTokenVerifier against a remote JWKS', () => {
  it('refuses a token signed by a key the provider does not list (401), and answers 503 when the provider serves no keys', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'listed', alg: 'ES256' };
    let healthy = true;
    const server = createServer((_, response) => {
      response.writeHead(healthy ? 200 : 502, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const settings = (url: string): StaffTokenSettings => ({
        jwks: { url },
        issuer: ISSUER,
        audience: 'ugov',
        clockSkewSeconds: 0,
        rolesClaim: 'roles',
        departmentsClaim: 'departments',
      });
      const signed = async (kid: string, key: CryptoKey) =>
        new SignJWT({ roles: ['admin'] })
          .setProtectedHeader({ alg: 'ES256', kid })
          .setIssuer(ISSUER)
          .setAudience('ugov')
          .setSubject('a')
          .setExpirationTime('1h')
          .sign(key);
      const verifier = new StaffTokenVerifier(settings(`http://127.0.0.1:${port}/jwks`));
      await expect(verifier.verify(await signed('listed', pair.privateKey))).resolves.toMatchObject({ roles: ['admin'] });
      const stranger = (await generateKeyPair('ES256')).privateKey;
      await expect(verifier.verify(await signed('unlisted', stranger))).rejects.toThrow(
        'not signed by a key of the trusted identity provider',
      );
      healthy = false;
      const fresh = new StaffTokenVerifier(settings(`http://127.0.0.1:${port}/jwks`));
      await expect(fresh.verify(await signed('listed', pair.privateKey))).rejects.toThrow("the identity provider's keys cannot be fetched");
    } finally {
      server.close();
    }
  });
});
