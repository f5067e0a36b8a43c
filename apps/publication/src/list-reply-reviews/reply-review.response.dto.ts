import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Disclosure, Visibility } from '../domain/reply-review';
import type { ReplyReviewEntity } from '../infra/reply-review.entity';
import { RedactedSpanDto } from '../redact-text/redact-text.response.dto';

export class WithheldPartDto extends RedactedSpanDto {
  @ApiProperty({ example: '个人隐私' })
  declare reason: string;
}

export class ReplyReviewResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty({ description: 'As the department wrote it (internal); the offsets of withheld are in this text, in UTF-16 code units' })
  replyText: string;
  @ApiProperty({ description: 'What may become public once approved' })
  redactedText: string;
  @ApiProperty({ type: [WithheldPartDto] })
  withheld: WithheldPartDto[];
  @ApiProperty({ enum: ['主动公开', '依申请公开', '不予公开'] })
  disclosure: Disclosure;
  @ApiPropertyOptional({ enum: ['国家秘密', '商业秘密', '个人隐私', '内部过程信息'], nullable: true })
  disclosureReason: string | null;
  @ApiProperty({ enum: ['public', 'requester-only', 'internal', 'hidden'] })
  visibility: Visibility;
  @ApiProperty({ enum: ['awaiting-review', 'approved', 'rejected', 'withheld'] })
  reviewStatus: string;
  @ApiPropertyOptional({ nullable: true, description: 'The text as the reviewer decided it (masked further, never less), once decided' })
  decidedText?: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedBy?: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedAt?: Date | null;
  @ApiProperty() createdAt: Date;

  static of(review: ReplyReviewEntity): ReplyReviewResponseDto {
    const { assignmentId: _assignmentId, ...shown } = review;
    return shown;
  }
}
