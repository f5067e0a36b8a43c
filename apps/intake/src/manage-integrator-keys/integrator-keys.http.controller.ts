import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CodeParam, CurrentPrincipal, describePrincipal, INTEGRATOR_KEYS, type Principal } from '@ugov/platform';
import { DEFAULT_ROTATION_OVERLAP_SECONDS } from '../domain/integrator-key';
import type { IntegratorKeyAuthenticator } from '../authenticate-integrator/integrator-key.authenticator';
import {
  IntegratorKeyResponseDto,
  IntegratorResponseDto,
  IssuedKeyResponseDto,
  IssueKeyRequestDto,
  RegisterIntegratorRequestDto,
  RotateKeyRequestDto,
} from './integrator-keys.dto';
import { IntegratorKeys } from './integrator-keys.service';

/** Administrators register integrators and issue, rotate and revoke their keys. A key's secret is in the answer that makes it, and nowhere else. */
@ApiTags('admin: integrators and keys')
@Controller('v1/admin')
export class IntegratorKeysHttpController {
  constructor(
    private readonly keys: IntegratorKeys,
    @Inject(INTEGRATOR_KEYS) private readonly authenticator: IntegratorKeyAuthenticator,
  ) {}

  @Post('integrators')
  @Allow('admin')
  @HttpCode(201)
  async register(@CurrentPrincipal() admin: Principal, @Body() request: RegisterIntegratorRequestDto): Promise<IntegratorResponseDto> {
    const integrator = await this.keys.registerIntegrator(request.name, describePrincipal(admin));
    return { name: integrator.name, createdAt: integrator.createdAt.toISOString(), keys: [] };
  }

  @Get('integrators')
  @Allow('admin')
  @ApiOkResponse({ type: [IntegratorResponseDto] })
  async list(): Promise<IntegratorResponseDto[]> {
    const integrators = await this.keys.listIntegrators();
    return integrators.map(({ name, createdAt, keys }) => ({
      name,
      createdAt: createdAt.toISOString(),
      keys: keys.map((key) => IntegratorKeyResponseDto.of(key)),
    }));
  }

  @Post('integrators/:name/keys')
  @Allow('admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: IssuedKeyResponseDto })
  async issue(
    @CurrentPrincipal() admin: Principal,
    @CodeParam('name') name: string,
    @Body() request: IssueKeyRequestDto,
  ): Promise<IssuedKeyResponseDto> {
    return IssuedKeyResponseDto.issued(await this.keys.issueKey(name, request, describePrincipal(admin)));
  }

  @Post('keys/:keyId/rotate')
  @Allow('admin')
  @HttpCode(201)
  @ApiCreatedResponse({ type: IssuedKeyResponseDto, description: 'The new key; the old one works until its expiresAt' })
  async rotate(
    @CurrentPrincipal() admin: Principal,
    @CodeParam('keyId') keyId: string,
    @Body() request: RotateKeyRequestDto,
  ): Promise<IssuedKeyResponseDto> {
    const rotated = await this.keys.rotateKey(keyId, request.overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS, describePrincipal(admin));
    this.authenticator.forget(keyId);
    return IssuedKeyResponseDto.issued(rotated);
  }

  @Post('keys/:keyId/revoke')
  @Allow('admin')
  @HttpCode(200)
  @ApiOkResponse({ type: IntegratorKeyResponseDto })
  async revoke(@CurrentPrincipal() admin: Principal, @CodeParam('keyId') keyId: string): Promise<IntegratorKeyResponseDto> {
    const revoked = await this.keys.revokeKey(keyId, describePrincipal(admin));
    this.authenticator.forget(keyId);
    return IntegratorKeyResponseDto.of(revoked);
  }
}
