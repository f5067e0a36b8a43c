import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { TriageCaseResponseDto } from '../triage-case.response.dto';
import { ReleaseTriageCaseHandler } from './release-triage-case.handler';

@ApiTags('triage')
@ApiBearerAuth()
@Controller('v1/triage')
export class ReleaseTriageCaseHttpController {
  constructor(private readonly handler: ReleaseTriageCaseHandler) {}

  @Post(':caseId/release')
  @Allow('dispatcher')
  @HttpCode(200)
  @ApiOkResponse({ type: TriageCaseResponseDto })
  @ApiConflictResponse({ description: 'not claimed, claimed by another dispatcher, or already routed' })
  async release(@CurrentPrincipal() dispatcher: Principal, @UuidParam('caseId') caseId: string): Promise<TriageCaseResponseDto> {
    return TriageCaseResponseDto.of(await this.handler.execute(caseId, dispatcher));
  }
}
