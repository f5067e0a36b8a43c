import { ApiProperty } from '@nestjs/swagger';
import type { KpiRow } from '../domain/kpi-score';

/** One department's or region's figures over the period. Rates are shares from 0 to 1 (4 decimals); null when there is nothing to divide by. */
export class KpiItemDto {
  @ApiProperty({ example: 'city-housing', description: 'the department code, or the six-digit region code' })
  key: string;

  @ApiProperty({ example: '住房和城乡建设局' })
  name: string;

  @ApiProperty({ description: 'assignments made to it in the period' })
  cases: number;

  @ApiProperty({ description: 'signed for within the sign-off limit (及时签收)' })
  signedOnTime: number;

  @ApiProperty({ nullable: true, type: Number, description: 'signedOnTime ÷ cases (及时签收率)' })
  signedOnTimeRate: number | null;

  @ApiProperty({ description: 'replied within the reply limit, pauses and extensions counted (按时办结)' })
  repliedOnTime: number;

  @ApiProperty({ nullable: true, type: Number, description: 'repliedOnTime ÷ (cases − returned) (按时办结率)' })
  repliedOnTimeRate: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'satisfied evaluations ÷ evaluations (满意率); null while evaluations are not recorded',
  })
  satisfactionRate: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'returned ÷ cases (退单率)' })
  returnRate: number | null;

  @ApiProperty({ description: 'replied late, or open past the deadline now' })
  overdue: number;

  @ApiProperty({ nullable: true, type: Number, description: 'weighted score out of 100 (README: KPIs)' })
  score: number | null;

  @ApiProperty({ description: '1 for the highest score; equal scores share a rank' })
  rank: number;

  @ApiProperty({
    enum: ['blue', 'yellow', 'red'],
    description: '红黄蓝: blue at or above KPI_ZONES blue, yellow at or above yellow, else red',
  })
  zone: 'blue' | 'yellow' | 'red';

  static of(row: KpiRow): KpiItemDto {
    return { ...row };
  }
}

export class KpisResponseDto {
  @ApiProperty({ example: '2026-11-01' })
  from: string;

  @ApiProperty({ example: '2026-11-30' })
  to: string;

  @ApiProperty({ enum: ['department', 'region'] })
  level: 'department' | 'region';

  @ApiProperty({ type: [KpiItemDto], description: 'ranked, best first; a department sees only its own row, with its rank among all' })
  items: KpiItemDto[];
}

/** The columns of GET /v1/kpis.csv, in the order of the JSON items. */
export const KPI_CSV_COLUMNS: readonly (keyof KpiItemDto)[] = [
  'rank',
  'key',
  'name',
  'cases',
  'signedOnTime',
  'signedOnTimeRate',
  'repliedOnTime',
  'repliedOnTimeRate',
  'satisfactionRate',
  'returnRate',
  'overdue',
  'score',
  'zone',
];
