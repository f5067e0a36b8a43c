import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal } from '@ugov/platform';
import { departmentInScope } from '../list-clocks/department-scope';
import { AnomalyResponseDto, type AnomalyRow } from './anomaly.response.dto';
import { ListAnomaliesRequestDto } from './list-anomalies.request.dto';

@ApiTags('anomalies')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/anomalies')
export class ListAnomaliesHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Anomalies (体外循环, 推诿, return rates, repeat complaints, stale cases), newest first; a department reads only its own. */
  @Get()
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @ApiOkResponse({ type: [AnomalyResponseDto] })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListAnomaliesRequestDto): Promise<AnomalyResponseDto[]> {
    const department = departmentInScope(principal, query.department, 'anomalies');
    const rows: AnomalyRow[] = await this.dataSource.query(
      `SELECT * FROM supervision.anomalies
        WHERE ($1::text IS NULL OR department_code = $1) AND ($2::text IS NULL OR kind = $2)
        ORDER BY detected_at DESC, anomaly_id LIMIT $3`,
      [department ?? null, query.kind ?? null, query.limit],
    );
    return rows.map((row) => AnomalyResponseDto.of(row));
  }
}
