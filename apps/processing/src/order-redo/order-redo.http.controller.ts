import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { OrderRedoHandler } from './order-redo.handler';
import { OrderRedoRequestDto } from './order-redo.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class OrderRedoHttpController {
  constructor(private readonly handler: OrderRedoHandler) {}

  /** A replied case goes back to the department (重办), after a bad rating or a justified request, with its own deadline. */
  @Post(':id/redo')
  @Allow('dispatcher', 'supervisor')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async orderRedo(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: OrderRedoRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
