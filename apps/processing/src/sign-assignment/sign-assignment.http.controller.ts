import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';
import { SignAssignmentCommand } from './sign-assignment.command';
import { SignAssignmentHandler } from './sign-assignment.handler';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class SignAssignmentHttpController {
  constructor(private readonly handler: SignAssignmentHandler) {}

  @Post(':id/sign')
  @Allow('department', 'department-system')
  @HttpCode(200)
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiConflictResponse({ description: 'already signed for' })
  async sign(@CurrentPrincipal() department: Principal, @UuidParam('id') id: string): Promise<AssignmentResponseDto> {
    return AssignmentResponseDto.of(await this.handler.execute(new SignAssignmentCommand(id, department)));
  }
}
