import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal } from '@ugov/platform';
import { departmentInScope } from '../list-clocks/department-scope';
import { EvaluationResponseDto, type EvaluationRow } from './evaluation.response.dto';
import { ListEvaluationsRequestDto } from './list-evaluations.request.dto';

@ApiTags('evaluations')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/evaluations')
export class ListEvaluationsHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** 好差评, newest first, each with its rectification (整改); a department reads only its own. */
  @Get()
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @ApiOkResponse({ type: [EvaluationResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListEvaluationsRequestDto): Promise<EvaluationResponseDto[]> {
    const department = departmentInScope(principal, query.department, 'evaluations');
    const rows: EvaluationRow[] = await this.dataSource.query(
      `SELECT e.evaluation_id, e.case_id, e.assignment_id, e.department_code, e.rating, e.bad, e.re_rating, e.evaluated_at,
              e.rectification_cycle, c.started_at AS rectification_started_at, c.due_at AS rectification_due_at,
              c.ended_at AS rectification_ended_at, c.state AS rectification_state
         FROM supervision.evaluations e
         LEFT JOIN supervision.sla_clocks c ON c.case_id = e.case_id AND c.assignment_id = e.assignment_id
          AND c.hop = 'rectification' AND c.cycle = e.rectification_cycle
        WHERE ($1::text IS NULL OR e.department_code = $1) AND (NOT $2 OR e.bad)
        ORDER BY e.evaluated_at DESC, e.evaluation_id LIMIT $3`,
      [department ?? null, query.bad === 'true', query.limit],
    );
    return rows.map((row) => EvaluationResponseDto.of(row));
  }
}
