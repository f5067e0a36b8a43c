import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, UuidParam, type Principal } from '@ugov/platform';
import { ArbitrationResponseDto } from '../list-arbitrations/arbitration.response.dto';
import { DecideArbitrationCommand } from './decide-arbitration.command';
import { DecideArbitrationHandler } from './decide-arbitration.handler';
import { DecideArbitrationRequestDto } from './decide-arbitration.request.dto';

@ApiTags('arbitration')
@ApiBearerAuth()
@Controller('v1/arbitrations')
export class DecideArbitrationHttpController {
  constructor(private readonly handler: DecideArbitrationHandler) {}

  /** Decides who handles a disputed case, with a reason; final: a second decision is refused with 409. */
  @Post(':caseId/decision')
  @Allow('dispatcher')
  @HttpCode(200)
  @ApiOkResponse({ type: ArbitrationResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async decide(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('caseId') caseId: string,
    @Body() request: DecideArbitrationRequestDto,
  ): Promise<ArbitrationResponseDto> {
    const command = new DecideArbitrationCommand(caseId, request.departmentCode, request.reason, caller);
    return ArbitrationResponseDto.of(await this.handler.execute(command));
  }
}
