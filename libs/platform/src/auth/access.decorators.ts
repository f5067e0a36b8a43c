import { applyDecorators, createParamDecorator, SetMetadata, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Principal, Role } from './principal';

export const ROLES_METADATA = 'ugov:roles';
export const PUBLIC_METADATA = 'ugov:public';
export const UNLIMITED_METADATA = 'ugov:unlimited';
export const OPERATION_METADATA = 'ugov:operation';
export const API_KEY_PARAMETER_METADATA = 'ugov:api-key-parameter';

/**
 * The one way a route says who may call it: only callers holding one of these roles. Every route needs
 * this or @Public(), or the service does not start. The roles are in the OpenAPI document as
 * `x-ugov-roles`, from this same declaration, so a client sees who may call what.
 */
export const Allow = (...roles: [Role, ...Role[]]) =>
  applyDecorators(SetMetadata(ROLES_METADATA, roles), ApiExtension('x-ugov-roles', roles), ApiBearerAuth());

/**
 * Anyone may call the route, without credentials (`x-ugov-public: true` in the OpenAPI document), within the per-address
 * limit of PUBLIC_RATE_LIMIT_PER_MINUTE; `rateLimited: false` only for what probes and scrapers poll (/health, /metrics).
 */
export const Public = (options: { readonly rateLimited?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(PUBLIC_METADATA, true),
    SetMetadata(UNLIMITED_METADATA, options.rateLimited === false),
    ApiExtension('x-ugov-public', true),
  );

/**
 * The integrator operation a route is (an integrator key lists the operations it may use). Required on
 * every route that allows integrators; `x-ugov-operation` in the OpenAPI document.
 */
export const Operation = (name: string) => applyDecorators(SetMetadata(OPERATION_METADATA, name), ApiExtension('x-ugov-operation', name));

/**
 * The route also takes the key as an `api_key` query or form parameter, as the Open311 GeoReport v2 spec
 * has clients send it (the Authorization header still works, and wins).
 */
export const ApiKeyParameter = () => SetMetadata(API_KEY_PARAMETER_METADATA, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('no principal on this request');
  return principal;
});
