import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { AcknowledgeNoticeHandler } from './acknowledge-notice.handler';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class AcknowledgeNoticeHttpController {
  constructor(private readonly handler: AcknowledgeNoticeHandler) {}

  /** The department acknowledges a supervision order (督办) or reminder (催办); the reply waits until every one is. */
  @Post(':id/notices/:noticeId/acknowledge')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async acknowledge(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @UuidParam('noticeId') noticeId: string,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, { noticeId })));
  }
}
