import {
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RateLimiter } from '@ugov/domain';
import { SERVICE_CONFIG } from '../tokens';
import type { ServiceConfig } from '../config';
import { RateLimitedError } from '../http/problem';
import {
  API_KEY_PARAMETER_METADATA,
  OPERATION_METADATA,
  PUBLIC_METADATA,
  ROLES_METADATA,
  UNLIMITED_METADATA,
  type AuthenticatedRequest,
} from './access.decorators';
import { findPrincipal } from './api-keys';
import type { Principal, Role } from './principal';
import { IdentityProviderUnreachable, looksLikeJwt, StaffTokenVerifier, TokenRejected } from './staff-tokens';

/**
 * A service's own kind of credential beyond tokens (intake's integrator keys). Answers undefined for a
 * credential that is not one of its own; may throw an HttpException (a key over its rate limit).
 */
export interface CredentialAuthenticator {
  authenticate(credential: string): Promise<Principal | undefined>;
}

export const INTEGRATOR_KEYS = Symbol('INTEGRATOR_KEYS');

/**
 * Authenticates `Authorization: Bearer <credential>` (a staff or department-system JWT, an integrator key,
 * or with UGOV_DEV_AUTH=true a development key) and checks the route's declared roles and operation.
 * Closed unless a route says otherwise.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  /** Per client address, for the routes open to everyone. */
  private readonly publicLimiter = new RateLimiter();

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly staffTokens: StaffTokenVerifier,
    @Optional() @Inject(INTEGRATOR_KEYS) private readonly integratorKeys?: CredentialAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets))
      return this.reflector.getAllAndOverride<boolean>(UNLIMITED_METADATA, targets) || this.withinPublicLimit(request);
    const credential =
      /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ??
      (this.reflector.getAllAndOverride<boolean>(API_KEY_PARAMETER_METADATA, targets) ? apiKeyParameterOf(request) : undefined);
    if (!credential) throw new UnauthorizedException('send a credential as "Authorization: Bearer <API key or token>"');
    const principal = await this.authenticate(credential);

    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_METADATA, targets) ?? [];
    if (!principal.roles.some((role) => roles.includes(role)))
      throw new ForbiddenException(`this operation is for ${roles.join(' or ') || 'nobody'}, not for ${principal.roles.join(' or ')}`);
    const operation = this.reflector.getAllAndOverride<string | undefined>(OPERATION_METADATA, targets);
    if (principal.operations && operation && !principal.operations.includes(operation))
      throw new ForbiddenException(`this key may not use the operation "${operation}"`);
    request.principal = principal;
    return true;
  }

  /** Open to everyone, but not without measure: PUBLIC_RATE_LIMIT_PER_MINUTE per client address (429 with Retry-After). */
  private withinPublicLimit(request: AuthenticatedRequest): true {
    const perMinute = this.config.publicRequestsPerMinute;
    if (!perMinute) return true;
    const waitSeconds = this.publicLimiter.take(request.ip, perMinute);
    if (waitSeconds > 0)
      throw new RateLimitedError(`this address made more than ${perMinute} requests a minute to the public routes`, waitSeconds);
    return true;
  }

  private async authenticate(credential: string): Promise<Principal> {
    if (looksLikeJwt(credential)) {
      try {
        return await this.staffTokens.verify(credential);
      } catch (error) {
        if (error instanceof TokenRejected) throw new UnauthorizedException(error.message);
        if (error instanceof IdentityProviderUnreachable) throw new ServiceUnavailableException(error.message);
        throw error;
      }
    }
    const principal = findPrincipal(this.config.auth.devKeys, credential) ?? (await this.integratorKeys?.authenticate(credential));
    if (!principal) throw new UnauthorizedException('the API key is not known');
    return principal;
  }
}

function apiKeyParameterOf(request: AuthenticatedRequest): string | undefined {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.api_key;
  const fromBody = (request.body as Record<string, unknown> | undefined)?.api_key;
  const key = typeof fromQuery === 'string' ? fromQuery : fromBody;
  return typeof key === 'string' && key.length > 0 ? key : undefined;
}
