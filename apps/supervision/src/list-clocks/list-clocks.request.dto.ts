import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CodeField } from '@ugov/platform';

export const MAX_CLOCKS = 1000;

export class ListClocksRequestDto {
  @ApiPropertyOptional({ enum: ['running', 'breached'], default: 'running', description: 'open clocks, or only the overdue ones' })
  @IsIn(['running', 'breached'], { message: 'state must be running or breached' })
  @IsOptional()
  state: 'running' | 'breached' = 'running';

  @CodeField({ optional: true, example: 'city-housing', description: 'only this department’s clocks (a department reads only its own)' })
  department?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: MAX_CLOCKS })
  @Max(MAX_CLOCKS, { message: `limit must be at most ${MAX_CLOCKS}` })
  @Min(1, { message: 'limit must be at least 1' })
  @IsInt({ message: 'limit must be a whole number' })
  @Type(() => Number)
  @IsOptional()
  limit: number = 100;
}
