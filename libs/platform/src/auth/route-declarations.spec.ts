import { Controller, Get, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Allow, Operation, Public } from './access.decorators';
import { accessDeclarationProblems, assertEveryRouteDeclaresAccess, routeDeclarationsOfController } from './route-declarations';

@Controller('v1/things')
class ThingsController {
  @Get(':id')
  @Allow('supervisor', 'dispatcher')
  read(): void {}

  @Post()
  @Allow('integrator')
  @Operation('submit-thing')
  submit(): void {}

  @Get()
  @Public()
  list(): void {}

  helper(): void {}
}

@Controller('v1/forgotten')
class ForgottenController {
  @Post(':id/close')
  close(): void {}

  @Get()
  @Allow('integrator')
  list(): void {}

  @Get('both')
  @Allow('admin')
  @Public()
  both(): void {}
}

@Allow('department')
@Controller('v1/departments')
class DeclaredOnTheClassController {
  @Get(':code')
  read(): void {}
}

describe('route access declarations', () => {
  it('reads each route with its roles, public marker and operation', () => {
    expect(routeDeclarationsOfController(ThingsController)).toEqual([
      { route: 'GET /v1/things/:id', roles: ['supervisor', 'dispatcher'], isPublic: false, operation: undefined },
      { route: 'POST /v1/things', roles: ['integrator'], isPublic: false, operation: 'submit-thing' },
      { route: 'GET /v1/things', roles: undefined, isPublic: true, operation: undefined },
    ]);
    expect(accessDeclarationProblems(routeDeclarationsOfController(ThingsController))).toEqual([]);
    expect(accessDeclarationProblems(routeDeclarationsOfController(DeclaredOnTheClassController))).toEqual([]);
  });

  it('names every route that does not say who may call it, or says it badly', () => {
    expect(accessDeclarationProblems(routeDeclarationsOfController(ForgottenController))).toEqual([
      'POST /v1/forgotten/:id/close: declares no access; add @Allow(<roles>) or @Public()',
      'GET /v1/forgotten: allows integrators but names no @Operation() for their keys',
      'GET /v1/forgotten/both: declares both @Public() and @Allow(); choose one',
    ]);
  });
});

describe('assertEveryRouteDeclaresAccess', () => {
  it('stops an application with an undeclared route, naming the route', async () => {
    const declared = await Test.createTestingModule({ controllers: [ThingsController, DeclaredOnTheClassController] }).compile();
    expect(() => assertEveryRouteDeclaresAccess(declared)).not.toThrow();
    const forgotten = await Test.createTestingModule({ controllers: [ThingsController, ForgottenController] }).compile();
    expect(() => assertEveryRouteDeclaresAccess(forgotten)).toThrow(/POST \/v1\/forgotten\/:id\/close: declares no access/);
  });
});
