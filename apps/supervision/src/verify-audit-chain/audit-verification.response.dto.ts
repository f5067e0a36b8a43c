import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainBreak } from '../domain/audit-chain';
import type { AuditVerification } from './verify-audit-chain.query';

export class AuditAnchorDto {
  @ApiProperty({ description: 'the entry' }) seq: number;
  @ApiProperty({ description: 'its SHA-256 hash, hex' }) entryHash: string;
}

export class AuditChainBreakDto {
  @ApiProperty({ nullable: true, type: Number, description: 'the entry where the chain breaks (null: a row outside the chain)' })
  seq: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'the event of the stored row found there, null when it is gone' })
  eventId: string | null;

  @ApiProperty({ enum: ['altered', 'missing', 'unlinked', 'truncated', 'anchor-mismatch', 'unchained'] })
  reason: ChainBreak['reason'];

  @ApiProperty() explanation: string;
}

export class AuditVerificationResponseDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'entries checked before the first break; all of them when ok' }) entriesVerified: number;
  @ApiProperty({ type: AuditAnchorDto, description: 'the head as stored: publish it as an anchor' }) head: AuditAnchorDto;
  @ApiProperty() anchorsChecked: number;
  @ApiPropertyOptional({ type: AuditChainBreakDto, description: 'the first broken link, when not ok' }) firstBreak?: AuditChainBreakDto;

  static of(verification: AuditVerification): AuditVerificationResponseDto {
    return {
      ok: verification.ok,
      entriesVerified: verification.entriesVerified,
      head: { seq: verification.head.seq, entryHash: verification.head.entryHash.toString('hex') },
      anchorsChecked: verification.anchorsChecked,
      ...(verification.firstBreak ? { firstBreak: { ...verification.firstBreak } } : {}),
    };
  }
}
