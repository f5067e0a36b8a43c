import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { RequestExtensionHandler } from './request-extension.handler';
import { RequestExtensionRequestDto } from './request-extension.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class RequestExtensionHttpController {
  constructor(private readonly handler: RequestExtensionHandler) {}

  /** The department asks for more time (延期申请), once, with a reason shown to the requester. */
  @Post(':id/extension')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async requestExtension(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: RequestExtensionRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
