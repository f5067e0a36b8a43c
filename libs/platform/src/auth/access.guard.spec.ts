import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { generateKeyPair, SignJWT } from 'jose';
import { loadServiceConfig, type ServiceConfig } from '../config';
import { RateLimitedError } from '../http/problem';
import { Allow, ApiKeyParameter, Operation, Public, type AuthenticatedRequest } from './access.decorators';
import { AccessGuard, type CredentialAuthenticator } from './access.guard';
import type { Principal } from './principal';
import { StaffTokenVerifier } from './staff-tokens';

class Routes {
  @Public() health(): void {}
  @Allow('supervisor', 'dispatcher') timeline(): void {}
  @Allow('integrator') @Operation('read-case') readCase(): void {}
  @Allow('integrator') @Operation('submit-case') @ApiKeyParameter() open311(): void {}
}

const managedKey: Principal = { subject: 'kiosk-vendor', roles: ['integrator'], departments: [], keyId: 'k1', operations: ['submit-case'] };
const integratorKeys: CredentialAuthenticator = {
  authenticate: (credential) => {
    if (credential === 'ugk_busy') throw new RateLimitedError('over the limit', 7);
    return Promise.resolve(credential === 'ugk_kiosk' ? managedKey : undefined);
  },
};

function guardFor(config: ServiceConfig, keys?: CredentialAuthenticator): AccessGuard {
  return new AccessGuard(new Reflector(), config, new StaffTokenVerifier(config.auth.staffTokens), keys);
}

function attempt(guard: AccessGuard, route: keyof Routes, request: Partial<AuthenticatedRequest>) {
  const full = { headers: {}, ...request } as AuthenticatedRequest;
  const context = {
    getHandler: () => Routes.prototype[route],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => full }),
  } as unknown as ExecutionContext;
  return { outcome: guard.canActivate(context), request: full };
}

const bearer = (credential: string) => ({ headers: { authorization: `Bearer ${credential}` } });

describe('AccessGuard', () => {
  const dev = guardFor(loadServiceConfig('intake', { UGOV_DEV_AUTH: 'true' }), integratorKeys);
  const production = guardFor(
    loadServiceConfig('intake', { UGOV_JWKS_URL: 'https://id.city.example/jwks', UGOV_JWT_ISSUER: 'https://id.city.example' }),
  );

  it('lets anyone through a public route', async () => {
    await expect(attempt(production, 'health', {}).outcome).resolves.toBe(true);
  });

  it('answers 401 without a credential or with an unknown one, and 403 with the wrong role', async () => {
    await expect(attempt(dev, 'timeline', {}).outcome).rejects.toThrow(UnauthorizedException);
    await expect(attempt(dev, 'timeline', bearer('not-a-key-at-all')).outcome).rejects.toThrow('the API key is not known');
    await expect(attempt(dev, 'timeline', bearer('dev-portal-key')).outcome).rejects.toThrow(ForbiddenException);
    const allowed = attempt(dev, 'timeline', bearer('dev-dispatcher-key'));
    await expect(allowed.outcome).resolves.toBe(true);
    expect(allowed.request.principal).toEqual({ subject: 'city-dispatch-center', roles: ['dispatcher'], departments: [] });
  });

  it('knows no development key unless UGOV_DEV_AUTH=true', async () => {
    await expect(attempt(production, 'timeline', bearer('dev-supervisor-key')).outcome).rejects.toThrow('the API key is not known');
  });

  it("holds a managed key to its operations, and passes on its rate limit's 429", async () => {
    await expect(attempt(dev, 'readCase', bearer('ugk_kiosk')).outcome).rejects.toThrow('this key may not use the operation "read-case"');
    await expect(attempt(dev, 'readCase', bearer('dev-portal-key')).outcome).resolves.toBe(true);
    const busy = attempt(dev, 'readCase', bearer('ugk_busy')).outcome;
    await expect(busy).rejects.toBeInstanceOf(RateLimitedError);
    await expect(busy).rejects.toMatchObject({ retryAfterSeconds: 7 });
  });

  it('takes an api_key parameter only on routes that declare it', async () => {
    await expect(attempt(dev, 'open311', { query: { api_key: 'ugk_kiosk' } }).outcome).resolves.toBe(true);
    await expect(attempt(dev, 'open311', { body: { api_key: 'ugk_kiosk' } }).outcome).resolves.toBe(true);
    await expect(attempt(dev, 'readCase', { query: { api_key: 'dev-portal-key' } }).outcome).rejects.toThrow(UnauthorizedException);
  });

  it("answers 503 when the identity provider's keys cannot be fetched: the caller is not at fault", async () => {
    const unreachable = guardFor(
      loadServiceConfig('intake', { UGOV_JWKS_URL: 'http://127.0.0.1:1/jwks', UGOV_JWT_ISSUER: 'https://id.city.example' }),
    );
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ roles: ['supervisor'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(attempt(unreachable, 'timeline', bearer(token)).outcome).rejects.toMatchObject({ status: 503 });
  });
});
