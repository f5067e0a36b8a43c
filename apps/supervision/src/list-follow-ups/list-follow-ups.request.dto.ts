import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import { isCivilDate } from '@ugov/calendar';
import { NewestFirstRequestDto } from '../list-dead-letters/newest-first.request.dto';

export class ListFollowUpsRequestDto extends NewestFirstRequestDto {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'those due on this day or before (China time), YYYY-MM-DD; default today' })
  @ValidateBy({
    name: 'isDueDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCivilDate(value) && value >= '2000-01-01' && value <= '2100-12-31',
      defaultMessage: () => 'due must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31',
    },
  })
  @IsOptional()
  due?: string;

  @ApiPropertyOptional({ enum: ['pending', 'recorded'], default: 'pending', description: 'calls still to make, or those recorded' })
  @IsIn(['pending', 'recorded'], { message: 'status must be one of pending, recorded' })
  @IsOptional()
  status: 'pending' | 'recorded' = 'pending';
}
