import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Not, type Repository } from 'typeorm';
import { actsForDepartment, Allow, CodeParam, CurrentPrincipal, hasRole, type Principal } from '@ugov/platform';
import { CLOSED_STATUSES } from '../domain/assignment-workflow';
import { AssignmentEntity } from '../infra/assignment.entity';
import { AssignmentResponseDto } from './assignment.response.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/departments')
export class ListAssignmentsHttpController {
  constructor(@InjectRepository(AssignmentEntity) private readonly assignments: Repository<AssignmentEntity>) {}

  /** A department's open assignments, most urgent first. A department sees only its own; dispatchers and oversight staff see any. */
  @Get(':code/assignments')
  @Allow('department', 'department-system', 'dispatcher', 'supervisor')
  @ApiOkResponse({ type: [AssignmentResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @CodeParam('code') code: string): Promise<AssignmentResponseDto[]> {
    if (!actsForDepartment(principal, code) && !hasRole(principal, 'dispatcher') && !hasRole(principal, 'supervisor')) {
      throw new ForbiddenException(`${principal.subject} may not read the assignments of ${code}`);
    }
    const open = await this.assignments.find({
      where: { departmentCode: code, status: Not(In([...CLOSED_STATUSES])) },
      order: { deadline: 'ASC' },
      take: 500,
    });
    return open.map((assignment) => AssignmentResponseDto.of(assignment));
  }
}
