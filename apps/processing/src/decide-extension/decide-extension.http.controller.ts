import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { DecideExtensionHandler } from './decide-extension.handler';
import { DecideExtensionRequestDto } from './decide-extension.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class DecideExtensionHttpController {
  constructor(private readonly handler: DecideExtensionHandler) {}

  /** Dispatch approves or refuses a pending extension. */
  @Post(':id/extension/decision')
  @Allow('dispatcher')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async decideExtension(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: DecideExtensionRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
