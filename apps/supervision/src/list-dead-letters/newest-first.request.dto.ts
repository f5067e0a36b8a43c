import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_LIMIT = 500;

/** A list that starts with the newest: how many to give. */
export class NewestFirstRequestDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_LIMIT })
  @Max(MAX_LIMIT)
  @Min(1)
  @IsInt()
  @Type(() => Number)
  @IsOptional()
  limit: number = 50;
}
