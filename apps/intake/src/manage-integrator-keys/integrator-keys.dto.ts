import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CHANNELS } from '@ugov/contracts';
import { CodeField } from '@ugov/platform';
import { INTEGRATOR_OPERATIONS } from '../domain/integrator-key';
import type { IntegratorKeyRecord, IssuedKey } from './integrator-keys.service';

const CHANNEL_NAMES = Object.keys(CHANNELS);
const MAX_OVERLAP_SECONDS = 30 * 24 * 3600;

export class RegisterIntegratorRequestDto {
  @CodeField({ example: 'web-portal', description: 'What cases record as their submitter' })
  name: string;
}

export class IssueKeyRequestDto {
  @ApiProperty({ enum: CHANNEL_NAMES, isArray: true, minItems: 1, example: ['web-portal', 'mobile-app'] })
  @IsIn(CHANNEL_NAMES, { each: true, message: `channels must each be one of ${CHANNEL_NAMES.join(', ')}` })
  @ArrayMaxSize(CHANNEL_NAMES.length)
  @ArrayNotEmpty({ message: 'channels must name at least one channel' })
  @IsArray()
  channels: string[];

  @ApiPropertyOptional({ enum: INTEGRATOR_OPERATIONS, isArray: true, minItems: 1, description: 'Default: all of them' })
  @IsOptional()
  @IsIn(INTEGRATOR_OPERATIONS, { each: true, message: `operations must each be one of ${INTEGRATOR_OPERATIONS.join(', ')}` })
  @ArrayMaxSize(INTEGRATOR_OPERATIONS.length)
  @ArrayNotEmpty({ message: 'operations must name at least one operation' })
  @IsArray()
  operations?: string[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1_000_000,
    example: 600,
    description: 'Requests a minute this key may make (default 600); more are answered 429',
  })
  @IsOptional()
  @Max(1_000_000)
  @Min(1)
  @IsInt()
  rateLimitPerMinute?: number;
}

export class RotateKeyRequestDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_OVERLAP_SECONDS,
    example: 86400,
    description: 'Seconds the old key keeps working (default one day, 0 ends it now)',
  })
  @IsOptional()
  @Max(MAX_OVERLAP_SECONDS)
  @Min(0)
  @IsInt()
  overlapSeconds?: number;
}

export class IntegratorKeyResponseDto {
  @ApiProperty({ example: 'k3f9a1c2b7d0' }) keyId: string;
  @ApiProperty({ example: 'web-portal' }) integrator: string;
  @ApiProperty({ isArray: true, example: ['web-portal'] }) channels: string[];
  @ApiProperty({ isArray: true, example: INTEGRATOR_OPERATIONS }) operations: string[];
  @ApiProperty({ example: 600 }) rateLimitPerMinute: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() createdBy: string;
  @ApiPropertyOptional({ nullable: true, description: 'When a rotated key stops working' }) expiresAt: string | null;
  @ApiPropertyOptional({ nullable: true }) replacedBy: string | null;
  @ApiPropertyOptional({ nullable: true }) revokedAt: string | null;

  static of(record: IntegratorKeyRecord): IntegratorKeyResponseDto {
    return {
      keyId: record.id,
      integrator: record.integrator,
      channels: record.channels,
      operations: record.operations,
      rateLimitPerMinute: record.rateLimitPerMinute,
      createdAt: record.createdAt.toISOString(),
      createdBy: record.createdBy,
      expiresAt: record.expiresAt?.toISOString() ?? null,
      replacedBy: record.replacedBy,
      revokedAt: record.revokedAt?.toISOString() ?? null,
    };
  }
}

export class IssuedKeyResponseDto extends IntegratorKeyResponseDto {
  @ApiProperty({ description: 'The key to send as "Authorization: Bearer <key>". Shown this once; ugov keeps only its hash.' })
  key: string;

  static issued({ key, record }: IssuedKey): IssuedKeyResponseDto {
    return { ...IntegratorKeyResponseDto.of(record), key };
  }
}

export class IntegratorResponseDto {
  @ApiProperty({ example: 'web-portal' }) name: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: [IntegratorKeyResponseDto] }) keys: IntegratorKeyResponseDto[];
}
