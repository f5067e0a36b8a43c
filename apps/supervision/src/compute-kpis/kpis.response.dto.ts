import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { KpiRow } from '../domain/kpi-score';
import { KPI_GROUPINGS, KPI_INTERVALS, type KpiGrouping, type KpiInterval } from './kpi.query';

const rate = (description: string) => ({ nullable: true, type: Number, description });

/**
 * One department's, region's, category's or level's figures over the period (or one day, week or month of it).
 * Rates are shares from 0 to 1 (4 decimals); null when there is nothing to divide by. Formulas: README, KPIs.
 */
export class KpiItemDto {
  @ApiProperty({ example: 'city-housing', description: 'the department code, six-digit region code, category code or level' })
  key: string;

  @ApiProperty({ example: '住房和城乡建设局' })
  name: string;

  @ApiPropertyOptional({ example: '2026-11-02', description: 'with interval: the first day of the day, week or month of this row' })
  period?: string;

  @ApiProperty({ description: 'assignments made in the period' })
  cases: number;

  @ApiProperty({ description: 'signed for within the sign-off limit (及时签收)' })
  signedOnTime: number;

  @ApiProperty(rate('及时签收率 = signedOnTime ÷ cases'))
  signedOnTimeRate: number | null;

  @ApiProperty({ description: 'signed for or returned, at any time (响应)' })
  responded: number;

  @ApiProperty(rate('响应率 = responded ÷ cases'))
  respondedRate: number | null;

  @ApiProperty({ description: 'replied within the reply limit, pauses and extensions counted (按时办结)' })
  repliedOnTime: number;

  @ApiProperty(rate('按时办结率 = repliedOnTime ÷ (cases − returned)'))
  repliedOnTimeRate: number | null;

  @ApiProperty({ description: 'replied (答复), and not reopened by a redo since' })
  replied: number;

  @ApiProperty(rate('答复率 = replied ÷ (cases − returned)'))
  repliedRate: number | null;

  @ApiProperty({ description: 'replied with the outcome resolved (解决)' })
  resolved: number;

  @ApiProperty(rate('解决率 = resolved ÷ replied'))
  resolvedRate: number | null;

  @ApiProperty({ description: 'evaluated (好差评), the latest rating of each assignment counting' })
  evaluated: number;

  @ApiProperty({ description: 'evaluated 基本满意, 满意 or 非常满意 (3–5)' })
  satisfied: number;

  @ApiProperty(rate('满意率 = satisfied ÷ evaluated'))
  satisfactionRate: number | null;

  @ApiProperty({ description: 'returned by the department (退单)' })
  returned: number;

  @ApiProperty(rate('退单率 = returned ÷ cases'))
  returnRate: number | null;

  @ApiProperty({ description: 'replied at least once (replied now, or redone since)' })
  everReplied: number;

  @ApiProperty({ description: 'redone (重办) at least once' })
  redone: number;

  @ApiProperty(rate('重办率 = redone ÷ everReplied'))
  redoRate: number | null;

  @ApiProperty({ description: 'with a follow-up call (回访) due by today, or recorded' })
  followUpsDue: number;

  @ApiProperty({ description: 'with a follow-up call recorded' })
  followedUp: number;

  @ApiProperty(rate('回访率 = followedUp ÷ followUpsDue'))
  followUpRate: number | null;

  @ApiProperty({ description: 'replied late, or open past the deadline now' })
  overdue: number;

  @ApiProperty(rate('weighted score out of 100: 响应率, 解决率 and 满意率 by KPI_WEIGHTS (README: KPIs)'))
  score: number | null;

  @ApiProperty({ description: '1 for the highest score (within its period); equal scores share a rank' })
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

  @ApiProperty({ enum: KPI_GROUPINGS, description: 'what a row is' })
  by: KpiGrouping;

  @ApiProperty({ enum: KPI_GROUPINGS, description: 'the same as by (its older name)' })
  level: KpiGrouping;

  @ApiPropertyOptional({ enum: KPI_INTERVALS })
  interval?: KpiInterval;

  @ApiProperty({
    type: [KpiItemDto],
    description: 'ranked, best first (period by period with interval); a department sees only its own rows, with their rank among all',
  })
  items: KpiItemDto[];
}

/** The columns of GET /v1/kpis.csv, in the order of the JSON items; period first when the query has an interval. */
export const KPI_CSV_COLUMNS: readonly (keyof KpiItemDto)[] = [
  'rank',
  'key',
  'name',
  'cases',
  'signedOnTime',
  'signedOnTimeRate',
  'responded',
  'respondedRate',
  'repliedOnTime',
  'repliedOnTimeRate',
  'replied',
  'repliedRate',
  'resolved',
  'resolvedRate',
  'evaluated',
  'satisfied',
  'satisfactionRate',
  'returned',
  'returnRate',
  'everReplied',
  'redone',
  'redoRate',
  'followUpsDue',
  'followedUp',
  'followUpRate',
  'overdue',
  'score',
  'zone',
];
