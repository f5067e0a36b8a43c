import { Controller, ForbiddenException, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actsForDepartment, Allow, ApiProblemResponses, CurrentPrincipal, hasRole, type Principal } from '@ugov/platform';
import { toCsv } from '../domain/csv';
import { rankKpis } from '../domain/kpi-score';
import { kpiSettingsFrom } from '../infra/figures-settings';
import { kpiCounts } from './kpi.query';
import { KpisRequestDto } from './kpis.request.dto';
import { KPI_CSV_COLUMNS, KpiItemDto, KpisResponseDto } from './kpis.response.dto';

/** KPIs (绩效考核) per department or region over a period, ranked and zoned; as JSON and as CSV for Excel. */
@ApiTags('kpis')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1')
export class ComputeKpisHttpController {
  private readonly settings = kpiSettingsFrom();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('kpis')
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @ApiOkResponse({ type: KpisResponseDto })
  async kpis(@CurrentPrincipal() principal: Principal, @Query() query: KpisRequestDto): Promise<KpisResponseDto> {
    return { from: query.from, to: query.to, level: query.level, items: await this.items(principal, query) };
  }

  @Get('kpis.csv')
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="kpis.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the items of GET /v1/kpis as CSV (UTF-8 with a BOM, RFC 4180), one row per item, best first' })
  async csv(@CurrentPrincipal() principal: Principal, @Query() query: KpisRequestDto): Promise<string> {
    const items = await this.items(principal, query);
    return toCsv(
      KPI_CSV_COLUMNS,
      items.map((item) => KPI_CSV_COLUMNS.map((column) => item[column])),
    );
  }

  /** Every row is ranked; a department then sees its own only (its rank still among all). */
  private async items(principal: Principal, query: KpisRequestDto): Promise<KpiItemDto[]> {
    const oversight = hasRole(principal, 'supervisor') || hasRole(principal, 'dispatcher');
    if (!oversight && query.level !== 'department')
      throw new ForbiddenException(`${principal.subject} may read the KPIs of its own department only, not the ranking of regions`);
    const counts = await kpiCounts(this.dataSource, query.from, query.to, query.level, new Date());
    const rows = rankKpis(counts, this.settings.weights, this.settings.zones).map((row) => KpiItemDto.of(row));
    return oversight ? rows : rows.filter((row) => actsForDepartment(principal, row.key));
  }
}
