import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { ReleaseCoHandlerHandler } from './release-co-handler.handler';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class ReleaseCoHandlerHttpController {
  constructor(private readonly handler: ReleaseCoHandlerHandler) {}

  /** Dispatch releases a co-handler (its assignment's id) that has not reported; the lead no longer waits for it. */
  @Post(':id/release')
  @Allow('dispatcher')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async release(@CurrentPrincipal() caller: Principal, @UuidParam('id') id: string): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, undefined)));
  }
}
