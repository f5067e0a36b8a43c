import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const TRIAGE_LIST_STATUSES = ['open', 'waiting', 'claimed', 'routed'] as const;
export type TriageListStatus = (typeof TRIAGE_LIST_STATUSES)[number];

export class ListTriageCasesRequestDto {
  @ApiPropertyOptional({ enum: TRIAGE_LIST_STATUSES, default: 'open', description: 'open = waiting or claimed' })
  @IsIn(TRIAGE_LIST_STATUSES, { message: `status must be one of ${TRIAGE_LIST_STATUSES.join(', ')}` })
  @IsOptional()
  status: TriageListStatus = 'open';

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @Max(500)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  limit: number = 100;
}
