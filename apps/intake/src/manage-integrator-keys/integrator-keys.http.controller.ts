import { applyDecorators, Body, Controller, Get, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { EntityManager } from 'typeorm';
import { Allow, CodeParam, CurrentPrincipal, describePrincipal, INTEGRATOR_KEYS, type Principal } from '@ugov/platform';
import { DEFAULT_ROTATION_OVERLAP_SECONDS } from '../domain/integrator-key';
import type { IntegratorKeyAuthenticator } from '../authenticate-integrator/integrator-key.authenticator';
import type { KeptAnswer } from '../infra/answer-once';
import { answered, idempotencyKeyOf } from '../submit-case/submit-case.http.controller';
import {
  IntegratorKeyResponseDto,
  IntegratorResponseDto,
  IssuedKeyResponseDto,
  IssueKeyRequestDto,
  RegisterIntegratorRequestDto,
  RotateKeyRequestDto,
} from './integrator-keys.dto';
import { IntegratorKeys } from './integrator-keys.service';

/** An admin's POST: an Idempotency-Key if they like (the same key and body get the first answer, 422 with another body). */
const AdminPostRoute = (status: 200 | 201) =>
  applyDecorators(
    Allow('admin'),
    HttpCode(status),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key and body gets the same answer' }),
  );

/**
 * An issued key's answer is kept without its secret (ugov keeps only the secret's hash); a retry with the same
 * Idempotency-Key gets the same key with a new secret, which replaces the one the first answer held.
 */
const withoutSecret = (keys: IntegratorKeys, transaction: EntityManager): KeptAnswer<IssuedKeyResponseDto, IntegratorKeyResponseDto> => ({
  kept: ({ key: _secret, ...kept }) => kept,
  replayed: async (kept) => ({ ...kept, key: await keys.reissueSecret(kept.keyId, transaction) }),
});

/** Administrators register integrators and issue, rotate and revoke their keys. A key's secret is in the answer that makes it, and nowhere else. */
@ApiTags('admin: integrators and keys')
@Controller('v1/admin')
export class IntegratorKeysHttpController {
  constructor(
    private readonly keys: IntegratorKeys,
    @Inject(INTEGRATOR_KEYS) private readonly authenticator: IntegratorKeyAuthenticator,
  ) {}

  @Post('integrators')
  @AdminPostRoute(201)
  async register(
    @CurrentPrincipal() admin: Principal,
    @Body() request: RegisterIntegratorRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntegratorResponseDto> {
    const post = { admin: admin.subject, action: 'register-integrator', key: idempotencyKeyOf(key) } as const;
    const result = await this.keys.once(post, request, async (transaction) => {
      const integrator = await this.keys.registerIntegrator(request.name, describePrincipal(admin), transaction);
      return { name: integrator.name, createdAt: integrator.createdAt.toISOString(), keys: [] };
    });
    return answered(reply, result);
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
  @AdminPostRoute(201)
  @ApiCreatedResponse({ type: IssuedKeyResponseDto })
  async issue(
    @CurrentPrincipal() admin: Principal,
    @CodeParam('name') name: string,
    @Body() request: IssueKeyRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedKeyResponseDto> {
    const post = { admin: admin.subject, action: 'issue-key', key: idempotencyKeyOf(key) } as const;
    const result = await this.keys.once(
      post,
      { name, ...request },
      async (transaction) => IssuedKeyResponseDto.issued(await this.keys.issueKey(name, request, describePrincipal(admin), transaction)),
      (transaction) => withoutSecret(this.keys, transaction),
    );
    this.authenticator.forget(result.response.keyId);
    return answered(reply, result);
  }

  @Post('keys/:keyId/rotate')
  @AdminPostRoute(201)
  @ApiCreatedResponse({ type: IssuedKeyResponseDto, description: 'The new key; the old one works until its expiresAt' })
  async rotate(
    @CurrentPrincipal() admin: Principal,
    @CodeParam('keyId') keyId: string,
    @Body() request: RotateKeyRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedKeyResponseDto> {
    const post = { admin: admin.subject, action: 'rotate-key', key: idempotencyKeyOf(key) } as const;
    const overlapSeconds = request.overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS;
    const result = await this.keys.once(
      post,
      { keyId, ...request },
      async (transaction) =>
        IssuedKeyResponseDto.issued(await this.keys.rotateKey(keyId, overlapSeconds, describePrincipal(admin), transaction)),
      (transaction) => withoutSecret(this.keys, transaction),
    );
    this.authenticator.forget(keyId);
    this.authenticator.forget(result.response.keyId);
    return answered(reply, result);
  }

  @Post('keys/:keyId/revoke')
  @AdminPostRoute(200)
  @ApiOkResponse({ type: IntegratorKeyResponseDto })
  async revoke(
    @CurrentPrincipal() admin: Principal,
    @CodeParam('keyId') keyId: string,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IntegratorKeyResponseDto> {
    const post = { admin: admin.subject, action: 'revoke-key', key: idempotencyKeyOf(key) } as const;
    const result = await this.keys.once(post, { keyId }, async (transaction) =>
      IntegratorKeyResponseDto.of(await this.keys.revokeKey(keyId, describePrincipal(admin), transaction)),
    );
    this.authenticator.forget(keyId);
    return answered(reply, result);
  }
}
