import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { maskName, maskPhone } from '@ugov/domain';
import type { CaseEntity } from '../infra/case.entity';
import type { PersonalDataCipher } from '../infra/personal-data/personal-data.cipher';

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

  /** With the personal data in clear as the request gave it (the submission's answer), masked here. */
  static of(caseRecord: CaseEntity, requester: RequesterInClear): CaseResponseDto {
    return {
      id: caseRecord.id,
      trackingNumber: caseRecord.trackingNumber,
      type: caseRecord.type,
      channel: caseRecord.channel,
      status: caseRecord.status,
      description: caseRecord.description,
      categoryCode: caseRecord.categoryCode,
      location: { regionCode: caseRecord.regionCode, lat: caseRecord.lat, long: caseRecord.long, address: requester.address },
      requester: { name: maskName(requester.name), phone: maskPhone(requester.phone) },
      submittedAt: caseRecord.submittedAt.toISOString(),
      urgency: caseRecord.urgency,
      confidential: caseRecord.confidential,
      attachments: caseRecord.attachments,
      ...(caseRecord.channelDetails ? { channelDetails: caseRecord.channelDetails } : {}),
      ...caseRecord.typeDetails,
    };
  }

  /** From the stored case, whose personal data is sealed. */
  static opening(caseRecord: CaseEntity, cipher: PersonalDataCipher): CaseResponseDto {
    const { id, sealedAddress } = caseRecord;
    return CaseResponseDto.of(caseRecord, {
      name: cipher.open(caseRecord.sealedRequesterName, id, 'requester.name'),
      phone: cipher.open(caseRecord.sealedRequesterPhone, id, 'requester.phone'),
      address: sealedAddress === null ? null : cipher.open(sealedAddress, id, 'location.address'),
    });
  }
}

export interface RequesterInClear {
  readonly name: string;
  readonly phone: string;
  readonly address: string | null;
}

/** The answer to a submission: the case, and the requester's verification code, shown this once. */
export class SubmittedCaseResponseDto extends CaseResponseDto {
  @ApiProperty({
    example: 'K7MW3QXP',
    description:
      'Give it to the requester with the tracking number: together they read the request (Authorization: Tracking <trackingNumber>:<code>). Shown only here; a retry with the same Idempotency-Key gets a new code, which replaces this one',
  })
  verificationCode: string;
}
