import { Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, ApiDiscriminatedBody, CurrentPrincipal, DiscriminatedBody, type Principal, RequestValidationError } from '@ugov/platform';
import { CaseResponseDto } from '../get-case/case.response.dto';
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
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retrying with the same key returns the same case' })
  @ApiDiscriminatedBody('type', CASE_REQUEST_CLASSES)
  @ApiCreatedResponse({ type: CaseResponseDto })
  async submit(
    @CurrentPrincipal() principal: Principal,
    @DiscriminatedBody('type', CASE_REQUEST_CLASSES) request: SubmitCaseRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseResponseDto> {
    const command = new SubmitCaseCommand(principal.subject, request, idempotencyKeyOf(idempotencyKey));
    const { caseRecord, replayed } = await this.handler.execute(command);
    void reply.header('location', `/v1/cases/${caseRecord.id}`).header('idempotent-replayed', String(replayed));
    return CaseResponseDto.of(caseRecord);
  }
}

/** The Idempotency-Key header of a POST, checked: 1 to 200 visible ASCII characters. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header !== undefined && !/^[\x21-\x7e]{1,200}$/.test(header)) {
    throw new RequestValidationError([{ field: 'Idempotency-Key', reason: 'Idempotency-Key must be 1 to 200 visible ASCII characters' }]);
  }
  return header;
}
