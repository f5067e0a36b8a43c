import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CodeField } from '@ugov/platform';
import { NewestFirstRequestDto } from '../list-dead-letters/newest-first.request.dto';

export class ListEvaluationsRequestDto extends NewestFirstRequestDto {
  @CodeField({ optional: true, example: 'city-housing', description: 'only this department’s (a department reads only its own)' })
  department?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'only bad ratings (不满意 or worse)' })
  @IsIn(['true', 'false'], { message: 'bad must be one of true, false' })
  @IsOptional()
  bad?: 'true' | 'false';
}
