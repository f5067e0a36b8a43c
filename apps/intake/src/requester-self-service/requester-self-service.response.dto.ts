import { ApiProperty } from '@nestjs/swagger';
import { AttachmentDto } from '../submit-case/case-details.dto';

export class SupplementResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty() supplementedAt: string;
}

export class WithdrawalResponseDto {
  @ApiProperty() reason: string;
  @ApiProperty() withdrawnAt: string;
}

export class EvaluationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ description: 'The one re-rating allowed after a redo (rectification) reply' }) reRating: boolean;
  @ApiProperty({ description: 'When the rated reply was given' }) repliedAt: string;
  @ApiProperty() evaluatedAt: string;
}

export class RedoRequestResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'How many redos the requester has asked for on this request, this one included' }) requestCount: number;
  @ApiProperty({ description: 'When the reply to be redone was given' }) repliedAt: string;
  @ApiProperty() requestedAt: string;
}

/** What the requester did after submitting, as GET /v1/requests/{trackingNumber} shows it. */
export class SelfServiceRecordDto {
  @ApiProperty({ type: [SupplementResponseDto] }) supplements: SupplementResponseDto[];
  @ApiProperty({ type: WithdrawalResponseDto, nullable: true }) withdrawal: WithdrawalResponseDto | null;
  @ApiProperty({ type: [EvaluationResponseDto] }) evaluations: EvaluationResponseDto[];
  @ApiProperty({ type: [RedoRequestResponseDto] }) redoRequests: RedoRequestResponseDto[];
}
