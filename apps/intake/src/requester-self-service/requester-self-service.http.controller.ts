import { applyDecorators, Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses } from '@ugov/platform';
import { CurrentRequester, RequesterRoute, type RequesterPrincipal } from '../requester-access/requester-credential.guard';
import { answered, idempotencyKeyOf } from '../submit-case/submit-case.http.controller';
import { RequesterSelfServiceHandler } from './requester-self-service.handler';
import { EvaluationRequestDto, RedoRequestDto, SupplementRequestDto, WithdrawalRequestDto } from './requester-self-service.request.dto';
import {
  EvaluationResponseDto,
  RedoRequestResponseDto,
  SupplementResponseDto,
  WithdrawalResponseDto,
} from './requester-self-service.response.dto';

/** A requester's POST with the tracking credential, an Idempotency-Key if they like, and 201 with what it recorded. */
const SelfServiceRoute = () =>
  applyDecorators(
    RequesterRoute(),
    HttpCode(201),
    ApiParam({ name: 'trackingNumber', example: 'UG20261130000042', description: 'The tracking number of the credential' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key and body gets the same answer' }),
    ApiProblemResponses(400, 401, 409, 422, 429),
  );

/**
 * The requester's self-service on their own request, with its tracking credential: add information (补充), withdraw
 * (撤回), evaluate the reply (好差评), ask for a redo (重办). Each answers 409 with the reason when the request's
 * state does not allow it, and emits its event for the other services.
 */
@ApiTags('requesters')
@Controller('v1/requests/:trackingNumber')
export class RequesterSelfServiceHttpController {
  constructor(private readonly handler: RequesterSelfServiceHandler) {}

  /** 补充: while the request is open (before its reply, or once a redo is asked for). */
  @Post('supplements')
  @SelfServiceRoute()
  @ApiCreatedResponse({ type: SupplementResponseDto })
  async supplement(
    @CurrentRequester() requester: RequesterPrincipal,
    @Body() request: SupplementRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SupplementResponseDto> {
    return answered(reply, await this.handler.supplement(requester, request, idempotencyKeyOf(key)));
  }

  /** 撤回: only before the reply; handling stops. */
  @Post('withdrawal')
  @SelfServiceRoute()
  @ApiCreatedResponse({ type: WithdrawalResponseDto })
  async withdraw(
    @CurrentRequester() requester: RequesterPrincipal,
    @Body() request: WithdrawalRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WithdrawalResponseDto> {
    return answered(reply, await this.handler.withdraw(requester, request, idempotencyKeyOf(key)));
  }

  /** 好差评 of the latest reply: once per reply; one re-rating, of the reply after a redo. */
  @Post('evaluations')
  @SelfServiceRoute()
  @ApiCreatedResponse({ type: EvaluationResponseDto })
  async evaluate(
    @CurrentRequester() requester: RequesterPrincipal,
    @Body() request: EvaluationRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvaluationResponseDto> {
    return answered(reply, await this.handler.evaluate(requester, request, idempotencyKeyOf(key)));
  }

  /** 重办 of the latest reply, within the limit per request (INTAKE_REDO_REQUESTS_PER_CASE). */
  @Post('redo-requests')
  @SelfServiceRoute()
  @ApiCreatedResponse({ type: RedoRequestResponseDto })
  async requestRedo(
    @CurrentRequester() requester: RequesterPrincipal,
    @Body() request: RedoRequestDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RedoRequestResponseDto> {
    return answered(reply, await this.handler.requestRedo(requester, request, idempotencyKeyOf(key)));
  }
}
