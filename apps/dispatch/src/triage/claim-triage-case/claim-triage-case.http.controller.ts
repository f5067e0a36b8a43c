import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { TriageCaseResponseDto } from '../triage-case.response.dto';
import { ClaimTriageCaseHandler } from './claim-triage-case.handler';

@ApiTags('triage')
@ApiBearerAuth()
@Controller('v1/triage')
export class ClaimTriageCaseHttpController {
  constructor(private readonly handler: ClaimTriageCaseHandler) {}

  @Post(':caseId/claim')
  @Allow('dispatcher')
  @HttpCode(200)
  @ApiOkResponse({ type: TriageCaseResponseDto })
  @ApiConflictResponse({ description: 'claimed by another dispatcher, or already routed' })
  async claim(@CurrentPrincipal() dispatcher: Principal, @UuidParam('caseId') caseId: string): Promise<TriageCaseResponseDto> {
    return TriageCaseResponseDto.of(await this.handler.execute(caseId, dispatcher));
  }
}
