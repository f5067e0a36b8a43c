import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { AcknowledgeNoticesHandler } from './acknowledge-notice.handler';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class AcknowledgeNoticesHttpController {
  constructor(private readonly handler: AcknowledgeNoticesHandler) {}

  /** The department acknowledges every supervision order (督办) and reminder (催办) on the assignment; the reply waits until it has. */
  @Post(':id/notices/acknowledge')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async acknowledge(@CurrentPrincipal() caller: Principal, @UuidParam('id') id: string): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, undefined)));
  }
}
