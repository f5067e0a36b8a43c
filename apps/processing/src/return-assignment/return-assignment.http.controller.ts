import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { ReturnAssignmentHandler } from './return-assignment.handler';
import { ReturnAssignmentRequestDto } from './return-assignment.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class ReturnAssignmentHttpController {
  constructor(private readonly handler: ReturnAssignmentHandler) {}

  /** The department returns an assignment that is not theirs (退单), before sign-off, with the reason; dispatch routes it again. */
  @Post(':id/return')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async return(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: ReturnAssignmentRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
