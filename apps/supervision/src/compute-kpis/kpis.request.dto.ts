import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy, type ValidationArguments } from 'class-validator';
import { isCivilDate } from '@ugov/calendar';
import { KPI_LEVELS, type KpiLevel } from './kpi.query';

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
    enum: KPI_LEVELS,
    default: 'department',
    description: 'rank departments, or regions (区县, by the first six digits of the region code)',
  })
  @IsIn(KPI_LEVELS, { message: 'level must be department or region' })
  @IsOptional()
  level: KpiLevel = 'department';
}
