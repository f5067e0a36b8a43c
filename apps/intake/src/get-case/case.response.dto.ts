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
    };
  }
}
