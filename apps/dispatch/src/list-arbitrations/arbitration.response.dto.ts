import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Arbitration } from '../infra/arbitrations.repository';

export class ArbitrationDecisionDto {
  @ApiProperty({ example: 'a2-housing' }) departmentCode: string;
  @ApiProperty({ example: '小区物业管理属区住建局职责' }) reason: string;
  @ApiProperty({ example: 'city-dispatch-center' }) decidedBy: string;
  @ApiProperty() decidedAt: string;
  @ApiProperty({ description: 'the assignment the decision made' }) assignmentId: string;
}

export class ArbitrationResponseDto {
  @ApiProperty() caseId: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty({ description: "the case's text, as the departments saw it" }) description: string;
  @ApiProperty() categoryCode: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() openedAt: string;
  @ApiProperty({ example: 'returned 3 times, more than the 2 allowed before arbitration' }) reason: string;
  @ApiProperty() returns: number;
  @ApiProperty({ type: [String], description: 'every department that returned the case' }) returnedBy: string[];
  @ApiPropertyOptional({ type: ArbitrationDecisionDto, nullable: true, description: 'null while open' })
  decision: ArbitrationDecisionDto | null;

  static of(arbitration: Arbitration): ArbitrationResponseDto {
    const { decision } = arbitration;
    return {
      caseId: arbitration.caseId,
      trackingNumber: arbitration.trackingNumber,
      description: arbitration.description,
      categoryCode: arbitration.categoryCode,
      regionCode: arbitration.regionCode,
      openedAt: arbitration.openedAt.toISOString(),
      reason: arbitration.reason,
      returns: arbitration.returns,
      returnedBy: [...arbitration.returnedBy],
      decision: decision && { ...decision, decidedAt: decision.decidedAt.toISOString() },
    };
  }
}
