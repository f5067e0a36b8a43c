import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OUTCOMES, type OutcomeName } from '@ugov/contracts';
import { TextField } from '@ugov/platform';

export class ReplyToAssignmentRequestDto {
  @TextField({ maxLength: 5000, multiline: true, example: '经核实，路灯已于今日修复。' })
  text: string;

  @ApiProperty({ enum: Object.keys(OUTCOMES) })
  @IsIn(Object.keys(OUTCOMES), { message: `outcome must be one of ${Object.keys(OUTCOMES).join(', ')}` })
  outcome: OutcomeName;

  @TextField({
    maxLength: 1000,
    multiline: true,
    optional: true,
    example: '该路段属省道，由省公路事务中心管养。',
    description: 'Required when the outcome is not-resolvable',
  })
  reason?: string;
}
