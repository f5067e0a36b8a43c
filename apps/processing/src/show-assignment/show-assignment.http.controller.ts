import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal, UuidParam } from '@ugov/platform';
import { AssignmentEntity } from '../infra/assignment.entity';
import { mayAccess } from '../infra/assignment.repository';
import { AssignmentResponseDto } from '../list-assignments/assignment.response.dto';

@ApiTags('assignments')
@ApiBearerAuth()
@Controller('v1/assignments')
export class ShowAssignmentHttpController {
  constructor(@InjectRepository(AssignmentEntity) private readonly assignments: Repository<AssignmentEntity>) {}

  /** One assignment in any status, with its extension, pause, co-handlers and notices. A department sees only its own. */
  @Get(':id')
  @Allow('department', 'department-system', 'dispatcher', 'supervisor')
  @ApiOkResponse({ type: AssignmentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404)
  async show(@CurrentPrincipal() caller: Principal, @UuidParam('id') id: string): Promise<AssignmentResponseDto> {
    const assignment = await this.assignments.findOneBy({ id });
    if (!assignment || !mayAccess(caller, assignment))
      throw new DomainError('not-found', `assignment ${id} not found`, 'assignment-not-found');
    return AssignmentResponseDto.of(assignment);
  }
}
