import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CASE_TYPES, CHANNELS, type CaseTypeName, type ChannelName } from '@ugov/contracts';

// class-validator runs a property's decorators bottom-up and the pipe stops at the first error,
// so the most basic check (present, right type) sits nearest the property.

export const DESCRIPTION_MAX_LENGTH = 5000;

/** Text may hold tabs and line breaks but no other control characters (PostgreSQL refuses NUL outright). */
const WITHOUT_CONTROL_CHARACTERS = /^(?:[\t\n\r]|\P{Cc})*$/u;
const withoutControlCharacters = (field: string) =>
  Matches(WITHOUT_CONTROL_CHARACTERS, { message: `${field} must not contain control characters` });

export class RequesterDto {
  @ApiProperty({ example: '张三', maxLength: 50 })
  @withoutControlCharacters('name')
  @MaxLength(50)
  @IsNotEmpty()
  @IsString()
  @IsDefined()
  name: string;

  @ApiProperty({ example: '13812345678', description: 'Mainland mobile or landline; digits, spaces, dashes, optional +' })
  @Matches(/^\+?\d[\d -]{5,19}$/, { message: 'phone must be 6 to 20 digits, optionally with +, spaces or dashes' })
  @IsString()
  @IsDefined()
  phone: string;
}

export class LocationDto {
  @ApiPropertyOptional({ example: '430103', description: 'GB/T 2260 division code (6 digits) or street code (9 digits)' })
  @IsOptional()
  @Matches(/^\d{6}(\d{3})?$/, { message: 'regionCode must be a 6-digit GB/T 2260 code or a 9-digit street code' })
  regionCode?: string;

  @ApiPropertyOptional({ example: 28.19 })
  @ValidateIf((location: LocationDto) => location.lat !== undefined || location.long !== undefined)
  @IsLatitude()
  @IsNumber()
  @IsDefined({ message: 'lat is required when long is given' })
  lat?: number;

  @ApiPropertyOptional({ example: 112.97 })
  @ValidateIf((location: LocationDto) => location.lat !== undefined || location.long !== undefined)
  @IsLongitude()
  @IsNumber()
  @IsDefined({ message: 'long is required when lat is given' })
  long?: number;

  @ApiPropertyOptional({ example: 'A市A2区桂花坪街道景蓉华苑', maxLength: 200 })
  @IsOptional()
  @withoutControlCharacters('address')
  @MaxLength(200)
  @IsString()
  address?: string;
}

export class SubmitCaseRequestDto {
  @ApiProperty({ enum: Object.keys(CASE_TYPES) })
  @IsIn(Object.keys(CASE_TYPES), { message: `type must be one of ${Object.keys(CASE_TYPES).join(', ')}` })
  type: CaseTypeName;

  @ApiProperty({ enum: Object.keys(CHANNELS) })
  @IsIn(Object.keys(CHANNELS), { message: `channel must be one of ${Object.keys(CHANNELS).join(', ')}` })
  channel: ChannelName;

  @ApiProperty({ example: '小区门口的路灯坏了一个月，晚上出行很不安全。', maxLength: DESCRIPTION_MAX_LENGTH })
  @withoutControlCharacters('description')
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @IsDefined()
  description: string;

  @ApiProperty({ type: RequesterDto })
  @ValidateNested()
  @IsObject()
  @IsDefined()
  @Type(() => RequesterDto)
  requester: RequesterDto;

  @ApiPropertyOptional({ example: 'urban.street-lighting', description: 'A category code of the dispatch catalog' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{0,63}$/, { message: 'categoryCode must be lower-case letters, digits, dots and dashes, at most 64' })
  categoryCode?: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => LocationDto)
  location?: LocationDto;
}
