import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { IssueNoticeHandler } from './issue-notice.handler';
import { IssueNoticeRequestDto } from './issue-notice.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class IssueNoticeHttpController {
  constructor(private readonly handler: IssueNoticeHandler) {}

  /** Supervision puts an order (督办) or a reminder (催办) on an open assignment. */
  @Post(':id/notices')
  @Allow('supervisor')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async issueNotice(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: IssueNoticeRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
