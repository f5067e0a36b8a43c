import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { OUTCOMES, type OutcomeName } from '@ugov/contracts';

export class ReplyToAssignmentRequestDto {
  @ApiProperty({ example: '经核实，路灯已于今日修复。', maxLength: 5000 })
  @MaxLength(5000)
  @IsNotEmpty()
  @IsString()
  @IsDefined()
  text: string;

  @ApiProperty({ enum: Object.keys(OUTCOMES) })
  @IsIn(Object.keys(OUTCOMES), { message: `outcome must be one of ${Object.keys(OUTCOMES).join(', ')}` })
  outcome: OutcomeName;

  @ApiPropertyOptional({ description: 'Required when the outcome is not-resolvable', maxLength: 1000 })
  @IsOptional()
  @MaxLength(1000)
  @IsString()
  reason?: string;
}
