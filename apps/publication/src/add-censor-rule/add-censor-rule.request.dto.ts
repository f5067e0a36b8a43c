import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TextField } from '@ugov/platform';
import type { CensorScope } from '../domain/redaction/censor-rules';
import { WITHHOLDING_REASONS, type WithholdingReason } from '../domain/reply-review';

export class AddCensorRuleRequestDto {
  @ApiProperty({ enum: ['case', 'department', 'site'] })
  @IsIn(['case', 'department', 'site'], { message: 'scope must be one of case, department, site' })
  scope: CensorScope;

  @TextField({
    maxLength: 64,
    optional: true,
    example: 'a2-housing',
    description: "The case's id for a case rule, the department's code for a department rule; none for the site",
  })
  scopeKey?: string;

  @ApiProperty({ enum: ['literal', 'pattern'] })
  @IsIn(['literal', 'pattern'], { message: 'kind must be one of literal, pattern' })
  kind: 'literal' | 'pattern';

  @TextField({ maxLength: 200, example: '内部〔\\d{4}〕\\d+号', description: 'The exact text, or a regular expression (Unicode mode)' })
  text: string;

  @ApiProperty({ enum: WITHHOLDING_REASONS })
  @IsIn(WITHHOLDING_REASONS, { message: `reason must be one of ${WITHHOLDING_REASONS.join(', ')}` })
  reason: WithholdingReason;
}
