import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { ReplyToAssignmentHandler } from './reply-to-assignment.handler';
import { ReplyToAssignmentRequestDto } from './reply-to-assignment.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class ReplyToAssignmentHttpController {
  constructor(private readonly handler: ReplyToAssignmentHandler) {}

  /** The department replies and closes its part (办结). */
  @Post(':id/reply')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async reply(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: ReplyToAssignmentRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
