import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_STATES, type RequestState } from '../domain/request-progress';
import { SelfServiceRecordDto } from '../requester-self-service/requester-self-service.response.dto';

export class RequestReplyDto {
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['resolved', 'explained', 'not-resolvable'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why the matter cannot be resolved, when the outcome says so' }) reason: string | null;
  @ApiProperty() repliedAt: string;
}

/** An extension of the deadline the department was granted, with its reason (the requester is told why). */
export class RequestExtensionDto {
  @ApiProperty({ example: '需协调供水公司停水检修' }) reason: string;
  @ApiProperty({ nullable: true, type: String, description: 'The deadline after the extension' }) deadline: string | null;
  @ApiProperty() decidedAt: string;
}

/** A question the department asked the requester (补正/补充说明), and whether the clock runs again. */
export class RequestClarificationDto {
  @ApiProperty({ example: '请提供具体楼栋号' }) question: string;
  @ApiProperty() askedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Until when the department waits for the answer' }) waitUntil: string | null;
  @ApiProperty({ description: 'True while the department waits for the requester' }) waiting: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['answered', 'expired', 'ended'], description: 'How the wait ended' }) outcome: string | null;
}

/** What a requester may read about their own request: where it stands, and nothing of anybody else. */
export class RequestStatusResponseDto extends SelfServiceRecordDto {
  @ApiProperty({ example: 'UG20261130000042' }) trackingNumber: string;
  @ApiProperty({ enum: REQUEST_STATES }) state: RequestState;
  @ApiProperty({ example: '承办部门正在办理', description: 'The state in plain words, in the language of Accept-Language (zh-Hans unless en)' })
  stateText: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true, type: Object, example: { code: 'city-housing', name: '市住房和城乡建设局' }, description: 'The handling department, named in the language asked for' })
  department: { code: string; name: string } | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the department must have replied, once it is assigned' }) deadline: string | null;
  @ApiProperty({ type: [RequestExtensionDto] }) extensions: RequestExtensionDto[];
  @ApiProperty({ type: [RequestClarificationDto], description: 'Questions for the requester; one is waiting while the state is awaiting-clarification' })
  clarifications: RequestClarificationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'What the requester should know now: the question waiting for them, or why the deadline moved' })
  notice: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For a request merged into an earlier one of the same requester: its tracking number' })
  mergedInto: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the latest reply reached the requester (delivered by publication)' })
  deliveredAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the request last moved' }) updatedAt: string | null;
  @ApiProperty({ type: [RequestReplyDto] }) replies: RequestReplyDto[];
}
