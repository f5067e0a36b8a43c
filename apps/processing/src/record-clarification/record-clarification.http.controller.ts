import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { RecordClarificationHandler } from './record-clarification.handler';
import { RecordClarificationRequestDto } from './record-clarification.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class RecordClarificationHttpController {
  constructor(private readonly handler: RecordClarificationHandler) {}

  /** The department records the requester's clarification; the clock runs again. */
  @Post(':id/clarification/answer')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async recordClarification(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: RecordClarificationRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
