import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { caseTypeName, channelName } from '@ugov/contracts';
import type { TriageCaseEntity } from '../infra/triage-case.entity';

export class TriageCaseResponseDto {
  @ApiProperty() caseId: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty({ enum: ['waiting', 'claimed', 'routed'] }) status: string;
  @ApiProperty({ description: 'why no department was chosen automatically' }) reason: string;
  @ApiProperty() description: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() caseType: string;
  @ApiProperty() channel: string;
  @ApiProperty() acceptedAt: string;
  @ApiProperty() triagedAt: string;
  @ApiPropertyOptional({ nullable: true, description: 'the classifier’s best guess, first-level domain as in the taxonomy' })
  predictedDomain: string | null;
  @ApiPropertyOptional({ nullable: true }) confidence: number | null;
  @ApiPropertyOptional({ nullable: true }) classifierVersion: string | null;
  @ApiPropertyOptional({ nullable: true }) claimedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) claimedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) routedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) routingReason: string | null;
  @ApiPropertyOptional({ nullable: true }) departmentCode: string | null;
  @ApiPropertyOptional({ nullable: true }) categoryCode: string | null;
  @ApiPropertyOptional({ nullable: true }) assignmentId: string | null;

  static of(triage: TriageCaseEntity): TriageCaseResponseDto {
    return {
      caseId: triage.caseId,
      trackingNumber: triage.trackingNumber,
      status: triage.status,
      reason: triage.reason,
      description: triage.description,
      regionCode: triage.regionCode,
      caseType: caseTypeName(triage.caseType),
      channel: channelName(triage.channel),
      acceptedAt: triage.acceptedAt.toISOString(),
      triagedAt: triage.triagedAt.toISOString(),
      predictedDomain: triage.predictedDomain,
      confidence: triage.confidence,
      classifierVersion: triage.classifierVersion,
      claimedBy: triage.claimedBy,
      claimedAt: triage.claimedAt?.toISOString() ?? null,
      routedAt: triage.routedAt?.toISOString() ?? null,
      routingReason: triage.routingReason,
      departmentCode: triage.departmentCode,
      categoryCode: triage.categoryCode,
      assignmentId: triage.assignmentId,
    };
  }
}
