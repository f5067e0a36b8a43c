import { ApiProperty } from '@nestjs/swagger';
import { ANOMALY_KINDS } from '../domain/anomaly-rules';

export interface AnomalyRow {
  anomaly_id: string;
  kind: string;
  subject: string;
  reason: string;
  case_id: string | null;
  department_code: string | null;
  details: Record<string, string>;
  detected_at: Date;
}

/** An anomaly a rule found (README: Anomalies). */
export class AnomalyResponseDto {
  @ApiProperty({ format: 'uuid' })
  anomalyId: string;

  @ApiProperty({ enum: ANOMALY_KINDS })
  kind: string;

  @ApiProperty({ example: 'reply-without-sign-off', description: 'which test of the rule fired' })
  reason: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for a department’s return rate' })
  caseId: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'city-housing' })
  departmentCode: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'the figures behind it' })
  details: Record<string, string>;

  @ApiProperty({ format: 'date-time' })
  detectedAt: string;

  static of(row: AnomalyRow): AnomalyResponseDto {
    return {
      anomalyId: row.anomaly_id,
      kind: row.kind,
      reason: row.reason,
      caseId: row.case_id,
      departmentCode: row.department_code,
      details: row.details,
      detectedAt: row.detected_at.toISOString(),
    };
  }
}
