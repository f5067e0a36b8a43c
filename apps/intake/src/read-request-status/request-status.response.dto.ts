import { ApiProperty } from '@nestjs/swagger';
import { REQUEST_STATES, type RequestState } from '../domain/request-progress';
import { SelfServiceRecordDto } from '../requester-self-service/requester-self-service.response.dto';

export class RequestReplyDto {
  @ApiProperty() text: string;
  @ApiProperty({ enum: ['resolved', 'explained', 'not-resolvable'] }) outcome: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why the matter cannot be resolved, when the outcome says so' }) reason: string | null;
  @ApiProperty() repliedAt: string;
}

/** What a requester may read about their own request: where it stands, and nothing of anybody else. */
export class RequestStatusResponseDto extends SelfServiceRecordDto {
  @ApiProperty({ example: 'UG20261130000042' }) trackingNumber: string;
  @ApiProperty({ enum: REQUEST_STATES }) state: RequestState;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ nullable: true, type: Object, example: { code: 'city-housing', name: '市住房和城乡建设局' } })
  department: { code: string; name: string } | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the department must have replied, once it is assigned' }) deadline: string | null;
  @ApiProperty({ type: [RequestReplyDto] }) replies: RequestReplyDto[];
}
