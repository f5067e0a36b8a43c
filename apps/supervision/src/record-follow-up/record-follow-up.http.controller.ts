import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { FollowUpResponseDto } from '../list-follow-ups/follow-up.response.dto';
import { RecordFollowUpHandler } from './record-follow-up.handler';
import { RecordFollowUpRequestDto } from './record-follow-up.request.dto';

@ApiTags('evaluations')
@ApiBearerAuth()
@Controller('v1/follow-ups')
export class RecordFollowUpHttpController {
  constructor(private readonly handler: RecordFollowUpHandler) {}

  /** A supervisor records the follow-up call (回访): reached or not, satisfied or not, and a note; once. */
  @Post(':id/record')
  @Allow('supervisor')
  @HttpCode(200)
  @ApiOkResponse({ type: FollowUpResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async record(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: RecordFollowUpRequestDto,
  ): Promise<FollowUpResponseDto> {
    return FollowUpResponseDto.of(await this.handler.execute(id, caller.subject, request));
  }
}
