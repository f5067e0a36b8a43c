import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { maskName, maskPhone } from '@ugov/domain';
import type { CaseEntity } from '../infra/case.entity';

/** The case as intake knows it. The requester's name and phone are masked: they never leave intake in clear. */
export class CaseResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'UG20261122000042' }) trackingNumber: string;
  @ApiProperty() type: string;
  @ApiProperty() channel: string;
  @ApiProperty() status: string;
  @ApiProperty() description: string;
  @ApiPropertyOptional({ nullable: true }) categoryCode: string | null;
  @ApiPropertyOptional() location: { regionCode: string | null; lat: number | null; long: number | null; address: string | null };
  @ApiProperty({ example: { name: '张*', phone: '138****5678' } }) requester: { name: string; phone: string };
  @ApiProperty() submittedAt: string;
  @ApiProperty({ enum: ['normal', 'urgent'] }) urgency: string;
  @ApiProperty({ description: '保密: identity hidden from departments, reply not published' }) confidential: boolean;
  @ApiProperty({ description: 'references to the files sent with the case' }) attachments: readonly object[];
  @ApiPropertyOptional({
    description: "what the channel carried (the hotline's call, the SMS gateway's message id, …), for its channel",
  })
  channelDetails?: object;
  @ApiPropertyOptional({ description: 'what the type carries: disclosure, serviceApplication or proposal' }) disclosure?: object;
  @ApiPropertyOptional() serviceApplication?: object;
  @ApiPropertyOptional() proposal?: object;

  static of(caseRecord: CaseEntity): CaseResponseDto {
    return {
      id: caseRecord.id,
      trackingNumber: caseRecord.trackingNumber,
      type: caseRecord.type,
      channel: caseRecord.channel,
      status: caseRecord.status,
      description: caseRecord.description,
      categoryCode: caseRecord.categoryCode,
      location: { regionCode: caseRecord.regionCode, lat: caseRecord.lat, long: caseRecord.long, address: caseRecord.address },
      requester: { name: maskName(caseRecord.requesterName), phone: maskPhone(caseRecord.requesterPhone) },
      submittedAt: caseRecord.submittedAt.toISOString(),
      urgency: caseRecord.urgency,
      confidential: caseRecord.confidential,
      attachments: caseRecord.attachments,
      ...(caseRecord.channelDetails ? { channelDetails: caseRecord.channelDetails } : {}),
      ...caseRecord.typeDetails,
    };
  }
}
