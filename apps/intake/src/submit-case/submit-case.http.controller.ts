import { Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  actorOf,
  Allow,
  ApiDiscriminatedBody,
  channelProblem,
  CurrentPrincipal,
  DiscriminatedBody,
  ForbiddenFieldError,
  Operation,
  type Principal,
  RequestValidationError,
} from '@ugov/platform';
import { serviceApplicationProblems } from '../domain/service-application.rules';
import { CaseResponseDto, SubmittedCaseResponseDto } from '../get-case/case.response.dto';
import { SubmitCaseCommand } from './submit-case.command';
import { SubmitCaseHandler } from './submit-case.handler';
import { CASE_REQUEST_CLASSES, type SubmitCaseRequestDto } from './submit-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class SubmitCaseHttpController {
  constructor(private readonly handler: SubmitCaseHandler) {}

  @Post()
  @Allow('integrator')
  @Operation('submit-case')
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key returns the same case' })
  @ApiDiscriminatedBody('type', CASE_REQUEST_CLASSES)
  @ApiCreatedResponse({ type: SubmittedCaseResponseDto })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @DiscriminatedBody('type', CASE_REQUEST_CLASSES) request: SubmitCaseRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubmittedCaseResponseDto> {
    const key = idempotencyKeyOf(idempotencyKey);
    const forbiddenChannel = channelProblem(principal, request.channel);
    if (forbiddenChannel) throw new ForbiddenFieldError([forbiddenChannel]);
    // A service application names a service item of the catalog and hands in every material it requires.
    const serviceProblems = request.type === 'service-application' ? serviceApplicationProblems(request.serviceApplication) : [];
    if (serviceProblems.length > 0) throw new RequestValidationError(serviceProblems);
    const command = new SubmitCaseCommand(principal.subject, request, key, actorOf(principal));
    const { caseRecord, replayed, verificationCode } = await this.handler.execute(command);
    void reply.header('location', `/v1/cases/${caseRecord.id}`).header('idempotent-replayed', String(replayed));
    // A replay's request is the same as the first one (same body hash), so the clear values are the request's.
    return { ...CaseResponseDto.of(caseRecord, { ...request.requester, address: request.location?.address ?? null }), verificationCode };
  }
}

/** The Idempotency-Key header of a POST, checked: 1 to 200 visible ASCII characters. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header !== undefined && !/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new RequestValidationError([{ field: 'Idempotency-Key', reason: 'Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
  }
  return header;
}

/** The answer of a POST under the Idempotency-Key rule, with `Idempotent-Replayed` saying whether it was the first one's. */
export function answered<Response>(reply: FastifyReply, result: { readonly response: Response; readonly replayed: boolean }): Response {
  void reply.header('idempotent-replayed', String(result.replayed));
  return result.response;
}
