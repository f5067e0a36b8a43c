import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AssignmentEntity } from '../infra/assignment.entity';

export class AssignmentResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() trackingNumber: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() categoryCode: string;
  @ApiProperty() caseType: string;
  @ApiProperty() channel: string;
  @ApiProperty() description: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: ['assigned', 'signed', 'replied'] }) status: string;
  @ApiProperty() deadline: string;
  @ApiProperty() assignedAt: string;
  @ApiPropertyOptional({ nullable: true }) signedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) repliedAt: string | null;
  @ApiPropertyOptional({ nullable: true }) outcome: string | null;

  static of(assignment: AssignmentEntity): AssignmentResponseDto {
    return {
      id: assignment.id,
      caseId: assignment.caseId,
      trackingNumber: assignment.trackingNumber,
      departmentCode: assignment.departmentCode,
      categoryCode: assignment.categoryCode,
      caseType: assignment.caseType,
      channel: assignment.channel,
      description: assignment.description,
      regionCode: assignment.regionCode,
      status: assignment.status,
      deadline: assignment.deadline.toISOString(),
      assignedAt: assignment.assignedAt.toISOString(),
      signedAt: assignment.signedAt?.toISOString() ?? null,
      repliedAt: assignment.repliedAt?.toISOString() ?? null,
      outcome: assignment.outcome,
    };
  }
}
