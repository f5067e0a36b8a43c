import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { SignAssignmentHandler } from './sign-assignment.handler';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class SignAssignmentHttpController {
  constructor(private readonly handler: SignAssignmentHandler) {}

  /** The department signs for the assignment (签收). */
  @Post(':id/sign')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async sign(@CurrentPrincipal() caller: Principal, @UuidParam('id') id: string): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, undefined)));
  }
}
