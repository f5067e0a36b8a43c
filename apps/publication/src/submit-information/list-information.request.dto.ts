import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

const STATUSES = ['awaiting-review', 'approved', 'rejected', 'withheld'];

export class ListInformationRequestDto {
  @ApiPropertyOptional({ enum: STATUSES, default: 'awaiting-review' })
  @IsIn(STATUSES, { message: `status must be one of ${STATUSES.join(', ')}` })
  @IsOptional()
  status: string = 'awaiting-review';

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @Max(1000, { message: 'limit must be at most 1000' })
  @Min(1, { message: 'limit must be at least 1' })
  @IsInt({ message: 'limit must be a whole number' })
  @Type(() => Number)
  @IsOptional()
  limit: number = 100;
}
