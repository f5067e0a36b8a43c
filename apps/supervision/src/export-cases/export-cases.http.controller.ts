import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, type Principal } from '@ugov/platform';
import { toCsv } from '../domain/csv';
import { departmentInScope } from '../list-clocks/department-scope';
import { ExportCasesRequestDto } from './export-cases.request.dto';

export const CASE_CSV_COLUMNS = [
  'caseId',
  'assignmentId',
  'departmentCode',
  'departmentName',
  'regionCode',
  'categoryCode',
  'caseType',
  'assignedAt',
  'deadline',
  'signedAt',
  'signedOnTime',
  'repliedAt',
  'repliedOnTime',
  'outcome',
  'returnedAt',
  'overdue',
  'lastEventAt',
] as const;

const OVERDUE = `(replied_on_time = false OR (replied_at IS NULL AND returned_at IS NULL AND deadline < $5))`;

/**
 * The case list behind the KPIs, one row per assignment, as CSV: what oversight staff chase (督办) and file. A
 * single case's timeline is already readable at GET /v1/cases/{id}/timeline; a list is what a spreadsheet is for.
 */
@ApiTags('kpis')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1')
export class ExportCasesHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('cases.csv')
  @Allow('supervisor', 'dispatcher', 'department', 'department-system')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="cases.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'assignments made in the period, oldest first, as CSV (UTF-8 with a BOM, RFC 4180)' })
  async export(@CurrentPrincipal() principal: Principal, @Query() query: ExportCasesRequestDto): Promise<string> {
    const department = departmentInScope(principal, query.department, 'cases');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT case_id, assignment_id, department_code, department_name, region_code, category_code, case_type, assigned_at, deadline,
              signed_at, signed_on_time, replied_at, replied_on_time, outcome, returned_at, ${OVERDUE} AS overdue, last_event_at
         FROM supervision.assignment_facts
        WHERE assigned_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
          AND assigned_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
          AND ($3::text IS NULL OR department_code = $3)
          AND ($4::text IS NULL OR ($4 = 'overdue' AND ${OVERDUE}) OR ($4 = 'open' AND replied_at IS NULL AND returned_at IS NULL))
        ORDER BY assigned_at, assignment_id LIMIT $6`,
      [query.from, query.to, department ?? null, query.state ?? null, new Date(), query.limit],
    );
    const text = (value: unknown) => (value instanceof Date ? value.toISOString() : (value as string | number | boolean | null));
    return toCsv(
      CASE_CSV_COLUMNS,
      rows.map((row) => Object.values(row).map(text)),
    );
  }
}
