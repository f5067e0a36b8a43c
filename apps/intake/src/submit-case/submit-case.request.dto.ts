import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  ValidateNested,
} from 'class-validator';
import { CASE_TYPES, CHANNELS, type CaseTypeName, type ChannelName } from '@ugov/contracts';
import { CodeField, TextField } from '@ugov/platform';
import { isResidentIdNumber } from '../domain/personal-data';

// class-validator runs a property's decorators bottom-up and the pipe stops at the first error,
// so the most basic check (present, right type) sits nearest the property.

export const DESCRIPTION_MAX_LENGTH = 5000;

const PHONE = /^\+?\d[\d -]{5,19}$/;
const REGION_CODE = /^\d{6}(\d{3})?$/;

@ValidatorConstraint({ name: 'isResidentIdNumber' })
class IsResidentIdNumber implements ValidatorConstraintInterface {
  validate = (value: unknown) => typeof value === 'string' && isResidentIdNumber(value);
  defaultMessage = () => 'idNumber must be an 18-character resident ID number with a valid check character';
}

export class RequesterDto {
  @TextField({ maxLength: 50, example: '张三' })
  name: string;

  @ApiProperty({
    example: '13812345678',
    pattern: PHONE.source,
    description: 'Mainland mobile or landline; digits, spaces, dashes, optional +',
  })
  @Matches(PHONE, { message: 'phone must be 6 to 20 digits, optionally with +, spaces or dashes' })
  @IsString()
  @IsDefined()
  phone: string;

  @ApiPropertyOptional({ example: '11010519491231002X', description: 'Resident ID number (GB 11643); stored encrypted, never shown' })
  @IsOptional()
  @Validate(IsResidentIdNumber)
  @IsString()
  idNumber?: string;
}

export class LocationDto {
  @ApiPropertyOptional({
    example: '430103',
    pattern: REGION_CODE.source,
    description: 'GB/T 2260 division code (6 digits) or street code (9 digits)',
  })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a 6-digit GB/T 2260 code or a 9-digit street code' })
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

  @TextField({ maxLength: 200, optional: true, example: 'A市A2区桂花坪街道景蓉华苑' })
  address?: string;
}

export class SubmitCaseRequestDto {
  @ApiProperty({ enum: Object.keys(CASE_TYPES) })
  @IsIn(Object.keys(CASE_TYPES), { message: `type must be one of ${Object.keys(CASE_TYPES).join(', ')}` })
  type: CaseTypeName;

  @ApiProperty({ enum: Object.keys(CHANNELS) })
  @IsIn(Object.keys(CHANNELS), { message: `channel must be one of ${Object.keys(CHANNELS).join(', ')}` })
  channel: ChannelName;

  @TextField({ maxLength: DESCRIPTION_MAX_LENGTH, multiline: true, example: '小区门口的路灯坏了一个月，晚上出行很不安全。' })
  description: string;

  @ApiProperty({ type: RequesterDto })
  @ValidateNested()
  @IsObject()
  @IsDefined()
  @Type(() => RequesterDto)
  requester: RequesterDto;

  @CodeField({ optional: true, example: 'urban.municipal-facilities', description: 'A category code of the dispatch catalog' })
  categoryCode?: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @IsObject()
  @Type(() => LocationDto)
  location?: LocationDto;
}
