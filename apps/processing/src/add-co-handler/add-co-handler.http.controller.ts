import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { AddCoHandlerHandler } from './add-co-handler.handler';
import { AddCoHandlerRequestDto } from './add-co-handler.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class AddCoHandlerHttpController {
  constructor(private readonly handler: AddCoHandlerHandler) {}

  /** Dispatch makes another department a co-handler of the lead's assignment; the co-handler gets its own assignment. */
  @Post(':id/co-handlers')
  @Allow('dispatcher')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async addCoHandler(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: AddCoHandlerRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
