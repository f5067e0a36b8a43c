import { applyDecorators, Inject, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiExtension, ApiQuery } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { findPrincipal, Public, SERVICE_CONFIG, type Principal, type ServiceConfig } from '@ugov/platform';
import { Open311Error } from './open311.errors';

type Open311Request = FastifyRequest & { principal?: Principal };

/** GeoReport's `api_key`: in the form of a POST, in the query of a GET. */
function apiKeyOf(request: FastifyRequest): string | undefined {
  const fromBody = (request.body as Record<string, unknown> | undefined)?.api_key;
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.api_key;
  const key = typeof fromBody === 'string' ? fromBody : fromQuery;
  return typeof key === 'string' && key !== '' ? key : undefined;
}

/**
 * Open311 clients authenticate with `api_key` (the spec's way) rather than a Bearer header, against the same keys as
 * the native API; only integrators may call. A missing or unknown key is the spec's 403.
 */
@Injectable()
export class Open311ApiKeyGuard implements CanActivate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Open311Request>();
    const key = apiKeyOf(request);
    if (!key) throw Open311Error.of(403, 'api_key is required');
    const principal = findPrincipal(this.config.apiKeys, key);
    if (!principal || principal.role !== 'integrator') throw Open311Error.of(403, 'api_key is not a key of an integrator');
    request.principal = principal;
    return true;
  }
}

/** An Open311 route for integrators, with their `api_key` (listed in OpenAPI like every route's roles). */
export const Open311Integrator = () =>
  applyDecorators(
    Public(),
    UseGuards(Open311ApiKeyGuard),
    ApiExtension('x-ugov-roles', ['integrator']),
    ApiQuery({ name: 'api_key', required: false, description: "the integrator's API key (in the form on POST)" }),
  );
