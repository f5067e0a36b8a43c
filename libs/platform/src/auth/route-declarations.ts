import { RequestMethod, type INestApplicationContext, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { OPERATION_METADATA, PUBLIC_METADATA, ROLES_METADATA } from './access.decorators';
import type { Role } from './principal';

export interface RouteDeclaration {
  /** `GET /v1/cases/:id` */
  readonly route: string;
  readonly roles: readonly Role[] | undefined;
  readonly isPublic: boolean;
  readonly operation: string | undefined;
}

/** Every HTTP route of the application's controllers, with what it declares about who may call it. */
export function routeDeclarationsOf(app: INestApplicationContext): RouteDeclaration[] {
  const routes: RouteDeclaration[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (controller) routes.push(...routeDeclarationsOfController(controller));
    }
  }
  return routes;
}

export function routeDeclarationsOfController(controller: Type): RouteDeclaration[] {
  const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const routes: RouteDeclaration[] = [];
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler = (controller.prototype as Record<string, unknown>)[name];
    if (name === 'constructor' || typeof handler !== 'function') continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) continue;
    const paths = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
    const read = <T>(key: string): T | undefined =>
      (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as T | undefined;
    for (const prefix of prefixes) {
      for (const path of paths) {
        routes.push({
          route: `${RequestMethod[method]} /${[prefix, path]
            .map((part) => part.replace(/^\/|\/$/g, ''))
            .filter(Boolean)
            .join('/')}`,
          roles: read<Role[]>(ROLES_METADATA),
          isPublic: read<boolean>(PUBLIC_METADATA) === true,
          operation: read<string>(OPERATION_METADATA),
        });
      }
    }
  }
  return routes;
}

/** What is wrong with the routes' declarations, one line per route; empty when every route says who may call it. */
export function accessDeclarationProblems(routes: readonly RouteDeclaration[]): string[] {
  return routes.flatMap(({ route, roles, isPublic, operation }) => {
    if (isPublic && roles) return [`${route}: declares both @Public() and @Allow(); choose one`];
    if (!isPublic && !roles?.length) return [`${route}: declares no access; add @Allow(<roles>) or @Public()`];
    if (roles?.includes('integrator') && !operation) return [`${route}: allows integrators but names no @Operation() for their keys`];
    return [];
  });
}

/** Stops the service at start-up when a route does not say who may call it. */
export function assertEveryRouteDeclaresAccess(app: INestApplicationContext): void {
  const problems = accessDeclarationProblems(routeDeclarationsOf(app));
  if (problems.length > 0) throw new Error(`every route must declare who may call it:\n  ${problems.join('\n  ')}`);
}
