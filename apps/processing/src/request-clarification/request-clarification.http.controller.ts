import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { RequestClarificationHandler } from './request-clarification.handler';
import { RequestClarificationRequestDto } from './request-clarification.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class RequestClarificationHttpController {
  constructor(private readonly handler: RequestClarificationHandler) {}

  /** The department asks the requester to clarify; the clock stops until the answer is recorded or the wait ends. */
  @Post(':id/clarification')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async requestClarification(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: RequestClarificationRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
