import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { ReplyToAssignmentCommand } from './reply-to-assignment.command';
import { ReplyToAssignmentHandler } from './reply-to-assignment.handler';
import { ReplyToAssignmentRequestDto } from './reply-to-assignment.request.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class ReplyToAssignmentHttpController {
  constructor(private readonly handler: ReplyToAssignmentHandler) {}

  @Post(':id/reply')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiConflictResponse({ description: 'not signed for yet, or already replied to' })
  async reply(
    @CurrentPrincipal() department: Principal,
    @UuidParam('id') id: string,
    @Body() request: ReplyToAssignmentRequestDto,
  ): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new ReplyToAssignmentCommand(id, department, request)));
  }
}
