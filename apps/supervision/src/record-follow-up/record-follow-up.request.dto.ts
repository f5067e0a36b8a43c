import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { Satisfies, TextField } from '@ugov/platform';

export class RecordFollowUpRequestDto {
  @ApiProperty({ description: 'whether the requester was reached' })
  @IsBoolean({ message: 'reached must be true or false' })
  reached: boolean;

  @ApiPropertyOptional({ description: 'whether the requester is satisfied with the handling; only when reached' })
  @Satisfies('satisfiedOnlyWhenReached', (field, value, object) =>
    value !== undefined && value !== null && (object as RecordFollowUpRequestDto).reached === false
      ? `${field} is only for a call that reached the requester`
      : undefined,
  )
  @IsBoolean({ message: 'satisfied must be true or false' })
  @IsOptional()
  satisfied?: boolean;

  @TextField({ maxLength: 2000, multiline: true, example: '已电话回访，群众表示路灯已修好。' })
  note: string;
}
