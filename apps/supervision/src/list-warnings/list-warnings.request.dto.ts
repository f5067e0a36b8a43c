import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CodeField } from '@ugov/platform';
import { NewestFirstRequestDto } from '../list-dead-letters/newest-first.request.dto';

export class ListWarningsRequestDto extends NewestFirstRequestDto {
  @ApiPropertyOptional({ enum: ['yellow', 'red', 'escalation'], description: 'only warnings of this level' })
  @IsIn(['yellow', 'red', 'escalation'], { message: 'level must be yellow, red or escalation' })
  @IsOptional()
  level?: 'yellow' | 'red' | 'escalation';

  @CodeField({ optional: true, example: 'city-housing', description: 'only this department’s (a department reads only its own)' })
  department?: string;
}
