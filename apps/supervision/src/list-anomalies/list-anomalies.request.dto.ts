import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CodeField } from '@ugov/platform';
import { ANOMALY_KINDS, type AnomalyKind } from '../domain/anomaly-rules';
import { NewestFirstRequestDto } from '../list-dead-letters/newest-first.request.dto';

export class ListAnomaliesRequestDto extends NewestFirstRequestDto {
  @ApiPropertyOptional({ enum: ANOMALY_KINDS, description: 'only anomalies of this kind' })
  @IsIn(ANOMALY_KINDS, { message: `kind must be one of ${ANOMALY_KINDS.join(', ')}` })
  @IsOptional()
  kind?: AnomalyKind;

  @CodeField({ optional: true, example: 'city-housing', description: 'only this department’s (a department reads only its own)' })
  department?: string;
}
