import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal } from '@ugov/platform';
import { departmentInScope } from '../list-clocks/department-scope';
import { ListWarningsRequestDto } from './list-warnings.request.dto';
import { WarningResponseDto, type WarningRow } from './warning.response.dto';

@ApiTags('clocks')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/warnings')
export class ListWarningsHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** SLA warnings, newest first; a department reads only its own. */
  @Get()
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @ApiOkResponse({ type: [WarningResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListWarningsRequestDto): Promise<WarningResponseDto[]> {
    const department = departmentInScope(principal, query.department, 'warnings');
    const rows: WarningRow[] = await this.dataSource.query(
      `SELECT * FROM supervision.sla_warnings
        WHERE ($1::text IS NULL OR department_code = $1) AND ($2::text IS NULL OR level = $2)
        ORDER BY fired_at DESC, warning_id LIMIT $3`,
      [department ?? null, query.level ?? null, query.limit],
    );
    return rows.map((row) => WarningResponseDto.of(row));
  }
}
