import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { SubmitPartHandler } from './submit-part.handler';
import { SubmitPartRequestDto } from './submit-part.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class SubmitPartHttpController {
  constructor(private readonly handler: SubmitPartHandler) {}

  /** A co-handler submits its part to the lead; its own assignment ends as reported. */
  @Post(':id/part')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async submitPart(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: SubmitPartRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
