import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { TextField } from '@ugov/platform';
import type { Visibility } from '../domain/reply-review';
import {
  DISCLOSURE_CODES,
  REVIEW_DECISIONS,
  VISIBILITIES,
  WITHHELD_REASON_CODES,
  type DisclosureCode,
  type ReviewDecision,
  type WithheldReasonCode,
} from '../domain/review-decision';

const DISCLOSURES = Object.keys(DISCLOSURE_CODES);
const WITHHELD_REASONS = Object.keys(WITHHELD_REASON_CODES);

export class DecideReplyReviewRequestDto {
  @ApiProperty({ enum: REVIEW_DECISIONS })
  @IsIn(REVIEW_DECISIONS, { message: `decision must be one of ${REVIEW_DECISIONS.join(', ')}` })
  decision: ReviewDecision;

  @ApiProperty({ enum: DISCLOSURES, description: 'proactive 主动公开, on-request 依申请公开, withheld 不予公开' })
  @IsIn(DISCLOSURES, { message: `disclosure must be one of ${DISCLOSURES.join(', ')}` })
  disclosure: DisclosureCode;

  @ApiPropertyOptional({
    enum: WITHHELD_REASONS,
    description:
      'required when withheld: state-secret 国家秘密, commercial-secret 商业秘密, privacy 个人隐私, internal-process 内部过程信息',
  })
  @IsIn(WITHHELD_REASONS, { message: `withheldReason must be one of ${WITHHELD_REASONS.join(', ')}` })
  @IsOptional()
  withheldReason?: WithheldReasonCode;

  @ApiProperty({ enum: VISIBILITIES })
  @IsIn(VISIBILITIES, { message: `visibility must be one of ${VISIBILITIES.join(', ')}` })
  visibility: Visibility;

  @TextField({
    maxLength: 20000,
    multiline: true,
    optional: true,
    description: 'The redacted text with more of it masked (【已屏蔽】 or a type’s mask); nothing the redactor masked may come back',
  })
  editedText?: string;
}
