import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

export const ARBITRATION_STATUSES = ['open', 'decided'] as const;

export class ListArbitrationsRequestDto {
  @ApiPropertyOptional({ enum: ARBITRATION_STATUSES, default: 'open', description: 'open ones oldest first; decided ones newest first' })
  @IsIn(ARBITRATION_STATUSES, { message: `status must be one of ${ARBITRATION_STATUSES.join(', ')}` })
  @IsOptional()
  status?: (typeof ARBITRATION_STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 500' })
  @Min(1, { message: 'limit must be a whole number from 1 to 500' })
  @Max(500, { message: 'limit must be a whole number from 1 to 500' })
  @IsOptional()
  limit?: number;
}
