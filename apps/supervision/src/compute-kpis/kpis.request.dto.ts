import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateBy, type ValidationArguments } from 'class-validator';
import { isCivilDate } from '@ugov/calendar';
import { CodeField } from '@ugov/platform';
import {
  DEPARTMENT_LEVELS,
  KPI_GROUPINGS,
  KPI_INTERVALS,
  KPI_LEVELS,
  type DepartmentLevel,
  type KpiGrouping,
  type KpiInterval,
  type KpiLevel,
} from './kpi.query';

/** A period longer than this is a mistake, not a report. */
export const MAX_PERIOD_DAYS = 3 * 366;

const isDate = (value: unknown): value is string =>
  typeof value === 'string' && isCivilDate(value) && value >= '2000-01-01' && value <= '2100-12-31';
const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** A period of assignment dates (China time, both days included). */
export class PeriodRequestDto {
  @ApiProperty({ example: '2026-11-01', description: 'the first day of the period, YYYY-MM-DD (China time)' })
  @ValidateBy({
    name: 'isPeriodStart',
    validator: {
      validate: isDate,
      defaultMessage: () => 'from must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31',
    },
  })
  from: string;

  @ApiProperty({ example: '2026-11-30', description: `the last day of the period, included; at most ${MAX_PERIOD_DAYS} days after from` })
  @ValidateBy({
    name: 'isPeriodEnd',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const from = (args?.object as PeriodRequestDto | undefined)?.from;
        return isDate(value) && (!isDate(from) || (value >= from && daysBetween(from, value) <= MAX_PERIOD_DAYS));
      },
      defaultMessage: () => `to must be a calendar date written YYYY-MM-DD, not before from and at most ${MAX_PERIOD_DAYS} days after it`,
    },
  })
  to: string;
}

export class KpisRequestDto extends PeriodRequestDto {
  @ApiPropertyOptional({
    enum: KPI_GROUPINGS,
    description:
      'one row per department, region (区县, the first six digits of the region code), category, or administrative level of ' +
      'the department (level: city 市, district 区县, street 街镇, community 社区); by default the level parameter, else department',
  })
  @IsIn(KPI_GROUPINGS, { message: 'by must be department, region, category or level' })
  @IsOptional()
  by?: KpiGrouping;

  @ApiPropertyOptional({ enum: KPI_LEVELS, default: 'department', description: 'the older name of by, for department or region' })
  @IsIn(KPI_LEVELS, { message: 'level must be department or region' })
  @IsOptional()
  level?: KpiLevel;

  @ApiPropertyOptional({
    enum: KPI_INTERVALS,
    description: 'a row per day, week (from Monday) or month of the period as well, each ranked apart',
  })
  @IsIn(KPI_INTERVALS, { message: 'interval must be day, week or month' })
  @IsOptional()
  interval?: KpiInterval;

  @CodeField({ optional: true, example: 'city-housing', description: 'only the assignments of this department' })
  department?: string;

  @ApiPropertyOptional({
    example: '430104',
    description: 'only the cases placed in this region or inside it (a GB/T 2260 code or its prefix)',
  })
  @Matches(/^\d{2,12}$/, { message: 'region must be a region code or its prefix: 2 to 12 digits' })
  @IsOptional()
  region?: string;

  @CodeField({ optional: true, example: 'urban.02', description: 'only this category, or every category under it in the taxonomy' })
  category?: string;

  @ApiPropertyOptional({ enum: DEPARTMENT_LEVELS, description: 'only the assignments of departments at this administrative level' })
  @IsIn(DEPARTMENT_LEVELS, { message: 'departmentLevel must be city, district, street or community' })
  @IsOptional()
  departmentLevel?: DepartmentLevel;
}
