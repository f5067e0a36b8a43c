import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentCommand } from '../infra/assignment-transitions';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { EndConsultationHandler } from './end-consultation.handler';
import { EndConsultationRequestDto } from './end-consultation.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class EndConsultationHttpController {
  constructor(private readonly handler: EndConsultationHandler) {}

  /** The department records the third party's opinion; the clock runs again. */
  @Post(':id/consultation/end')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async endConsultation(
    @CurrentPrincipal() caller: Principal,
    @UuidParam('id') id: string,
    @Body() request: EndConsultationRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new AssignmentCommand(id, caller, request)));
  }
}
