import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { StartHandlingHandler } from './start-handling.handler';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class StartHandlingHttpController {
  constructor(private readonly handler: StartHandlingHandler) {}

  /** The department starts working on a signed assignment. */
  @Post(':id/start')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async start(@CurrentPrincipal() caller: Principal, @UuidParam('id') id: string): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, undefined)));
  }
}
