import { Controller, ForbiddenException, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { actsForDepartment, Allow, ApiProblemResponses, CurrentPrincipal, hasRole, type Principal } from '@ugov/platform';
import { toCsv } from '../domain/csv';
import { rankKpis } from '../domain/kpi-score';
import { kpiSettingsFrom } from '../infra/figures-settings';
import { kpiCounts, type KpiGrouping } from './kpi.query';
import { KpisRequestDto } from './kpis.request.dto';
import { KPI_CSV_COLUMNS, KpiItemDto, KpisResponseDto } from './kpis.response.dto';

/**
 * KPIs (绩效考核) per department, region, category or administrative level over a period (split by day, week or month
 * if asked), filtered by any of those, ranked and zoned; as JSON and as CSV for Excel.
 */
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
    const by = groupingOf(query);
    return { from: query.from, to: query.to, by, level: by, interval: query.interval, items: await this.items(principal, query) };
  }

  @Get('kpis.csv')
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="kpis.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'the items of GET /v1/kpis as CSV (UTF-8 with a BOM, RFC 4180), one row per item in the same order, same query',
  })
  async csv(@CurrentPrincipal() principal: Principal, @Query() query: KpisRequestDto): Promise<string> {
    const items = await this.items(principal, query);
    const columns: readonly (keyof KpiItemDto)[] = query.interval ? ['period', ...KPI_CSV_COLUMNS] : KPI_CSV_COLUMNS;
    return toCsv(
      columns,
      items.map((item) => columns.map((column) => item[column])),
    );
  }

  /** Every row is ranked; a department then sees its own only (its rank still among all). */
  private async items(principal: Principal, query: KpisRequestDto): Promise<KpiItemDto[]> {
    const oversight = hasRole(principal, 'supervisor') || hasRole(principal, 'dispatcher');
    const by = groupingOf(query);
    if (!oversight && by !== 'department')
      throw new ForbiddenException(`${principal.subject} may read the KPIs of its own department only, not the ranking of ${by}s`);
    const counts = await kpiCounts(
      this.dataSource,
      {
        from: query.from,
        to: query.to,
        by,
        interval: query.interval,
        department: query.department,
        region: query.region,
        category: query.category,
        departmentLevel: query.departmentLevel,
      },
      new Date(),
    );
    const rows = rankKpis(counts, this.settings.weights, this.settings.zones).map((row) => KpiItemDto.of(row));
    return oversight ? rows : rows.filter((row) => actsForDepartment(principal, row.key));
  }
}

/** `by`, else its older name `level`, else department. */
function groupingOf(query: KpisRequestDto): KpiGrouping {
  return query.by ?? query.level ?? 'department';
}
