import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { TriageCaseResponseDto } from '../triage-case.response.dto';
import { RouteTriageCaseCommand } from './route-triage-case.command';
import { RouteTriageCaseHandler } from './route-triage-case.handler';
import { RouteTriageCaseRequestDto } from './route-triage-case.request.dto';

@ApiTags('triage')
@ApiBearerAuth()
@Controller('v1/triage')
export class RouteTriageCaseHttpController {
  constructor(private readonly handler: RouteTriageCaseHandler) {}

  @Post(':caseId/route')
  @Allow('dispatcher')
  @HttpCode(200)
  @ApiOkResponse({ type: TriageCaseResponseDto })
  @ApiConflictResponse({ description: 'not claimed by this dispatcher, or already routed' })
  @ApiUnprocessableEntityResponse({ description: 'the category or department is not in the dispatch catalog' })
  async route(
    @CurrentPrincipal() dispatcher: Principal,
    @UuidParam('caseId') caseId: string,
    @Body() request: RouteTriageCaseRequestDto,
  ): Promise<TriageCaseResponseDto> {
    return TriageCaseResponseDto.of(await this.handler.execute(new RouteTriageCaseCommand(caseId, dispatcher, request)));
  }
}
