import {
  applyDecorators,
  createParamDecorator,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { SERVICE_CONFIG } from '../tokens';
import type { ServiceConfig } from '../config';
import { findPrincipal, type Principal, type Role } from './api-keys';

const ROLES_KEY = 'ugov:roles';
const PUBLIC_KEY = 'ugov:public';

/**
 * Only callers with one of these roles may use the route. Every route needs either this or @Public().
 * The roles are in the OpenAPI document too (`x-ugov-roles`), so a client can see who may call what.
 */
export const Allow = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-ugov-roles', roles));
export const Public = () => SetMetadata(PUBLIC_KEY, true);

type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('no principal on this request');
  return principal;
});

/** Authenticates `Authorization: Bearer <api key>` and checks the route's roles; closed unless a route says otherwise. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const key = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (!key) throw new UnauthorizedException('send an API key as "Authorization: Bearer <key>"');
    const principal = findPrincipal(this.config.apiKeys, key);
    if (!principal) throw new UnauthorizedException('the API key is not known');
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!roles.includes(principal.role))
      throw new ForbiddenException(`this operation is for ${roles.join(' or ') || 'nobody'}, not for a ${principal.role}`);
    request.principal = principal;
    return true;
  }
}
