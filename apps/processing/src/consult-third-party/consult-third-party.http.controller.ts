import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { ConsultThirdPartyHandler } from './consult-third-party.handler';
import { ConsultThirdPartyRequestDto } from './consult-third-party.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class ConsultThirdPartyHttpController {
  constructor(private readonly handler: ConsultThirdPartyHandler) {}

  /** The department asks a third party's opinion (disclosure applications); the clock stops until it ends the consultation. */
  @Post(':id/consultation')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async consult(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: ConsultThirdPartyRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
