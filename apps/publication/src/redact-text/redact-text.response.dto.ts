import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Redaction } from '../domain/redaction/redactor';
import { MASKS, type RedactionType } from '../domain/redaction/redaction-span';

export class RedactedSpanDto {
  @ApiProperty({ enum: Object.keys(MASKS) })
  type: RedactionType;

  @ApiProperty({ description: 'Offset of the first withheld UTF-16 code unit of the input text' })
  start: number;

  @ApiProperty({ description: 'Offset after the last withheld UTF-16 code unit of the input text (exclusive)' })
  end: number;

  @ApiPropertyOptional({ description: 'Why it is withheld, where a censor rule says so' })
  reason?: string;
}

export class RedactTextResponseDto {
  @ApiProperty({ description: 'The text with each withheld part replaced by the mask of its type, such as 【姓名】 or 【电话】' })
  text: string;

  @ApiProperty({ type: [RedactedSpanDto] })
  spans: RedactedSpanDto[];

  static of(redaction: Redaction): RedactTextResponseDto {
    return { text: redaction.text, spans: redaction.spans.map((span) => ({ ...span })) };
  }
}
