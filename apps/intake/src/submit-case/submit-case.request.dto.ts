import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, URGENCIES, type CaseTypeName, type ChannelName, type UrgencyName } from '@ugov/contracts';
import { CodeField, REPLY_LANGUAGES, TextField, type ReplyLanguage } from '@ugov/platform';
import { isResidentIdNumber } from '../domain/personal-data';
import { AttachmentDto, Attachments, InformationDisclosureDto, ProposalDto, ServiceApplicationDto } from './case-details.dto';
import { ChannelDetailsDto } from './channel-details.dto';

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
  // A location says where in at least one way: a region, a point or an address.
  @ValidateIf(
    (location: LocationDto) => location.regionCode != null || (location.lat == null && location.long == null && location.address == null),
  )
  @Matches(REGION_CODE, { message: 'regionCode must be a 6-digit GB/T 2260 code or a 9-digit street code' })
  @IsDefined({ message: 'location needs a regionCode, lat and long, or an address' })
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

/**
 * How the reply reaches the requester beyond the phone of `requester` (sealed for publication alone, never stored in
 * clear by intake): an e-mail address, a callback number when it is not the requester's phone, the integrator's
 * callback URL, the app's push token, and the language to answer in (zh-Hans unless said).
 */
export class DeliveryDto {
  @ApiPropertyOptional({ example: 'zhang.san@example.cn', maxLength: 254 })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address of at most 254 characters' })
  @MaxLength(254, { message: 'email must be an e-mail address of at most 254 characters' })
  @IsString({ message: 'email must be an e-mail address of at most 254 characters' })
  email?: string;

  @ApiPropertyOptional({
    example: '13912345678',
    pattern: PHONE.source,
    description: 'The number to call or text back (回电号码), when not the requester’s phone',
  })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be 6 to 20 digits, optionally with +, spaces or dashes' })
  @IsString({ message: 'phone must be 6 to 20 digits, optionally with +, spaces or dashes' })
  phone?: string;

  @ApiPropertyOptional({
    example: 'https://crm.example.cn/ugov/callbacks',
    description: "The integrator's callback for this case, signed with its webhook secret",
  })
  @IsOptional()
  @Matches(/^https?:\/\/\S{1,1990}$/, { message: 'callbackUrl must be an http(s) URL of at most 2000 characters, without spaces' })
  @IsString({ message: 'callbackUrl must be an http(s) URL of at most 2000 characters, without spaces' })
  callbackUrl?: string;

  @ApiPropertyOptional({ example: 'fcm:dGhpcyBpcyBhIHRva2Vu', description: 'The app installation to notify' })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,512}$/, { message: 'pushToken must be 1 to 512 visible ASCII characters' })
  @IsString({ message: 'pushToken must be 1 to 512 visible ASCII characters' })
  pushToken?: string;

  @ApiPropertyOptional({ enum: REPLY_LANGUAGES, default: 'zh-Hans' })
  @IsOptional()
  @IsIn(REPLY_LANGUAGES, { message: `language must be one of ${REPLY_LANGUAGES.join(', ')}` })
  language?: ReplyLanguage;
}

export const URGENCY_NAMES = Object.keys(URGENCIES) as UrgencyName[];
const CHANNEL_NAMES = Object.keys(CHANNELS);

/** What every request carries, whatever its type: the matter, the requester, where, how urgent, how confidential. */
export abstract class CaseRequestDto extends ChannelDetailsDto {
  abstract type: CaseTypeName;

  @ApiProperty({ enum: CHANNEL_NAMES })
  @IsIn(CHANNEL_NAMES, { message: `channel must be one of ${CHANNEL_NAMES.join(', ')}` })
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

  @ApiPropertyOptional({
    enum: URGENCY_NAMES,
    default: 'normal',
    description: 'urgent (紧急): a threat to life, safety, property or utilities',
  })
  @IsOptional()
  @IsIn(URGENCY_NAMES, { message: `urgency must be one of ${URGENCY_NAMES.join(', ')}` })
  urgency?: UrgencyName;

  @ApiPropertyOptional({
    default: false,
    description: "保密: the requester's identity is hidden from departments and the reply is not published",
  })
  @IsOptional()
  @IsBoolean({ message: 'confidential must be true or false' })
  confidential?: boolean;

  @Attachments('photos, scans, recordings or videos the requester sent, stored by the channel')
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({ type: DeliveryDto, description: 'How the reply reaches the requester (README, "Delivery to the requester")' })
  @IsOptional()
  @ValidateNested()
  @IsObject({ message: 'delivery must be an object' })
  @Type(() => DeliveryDto)
  delivery?: DeliveryDto;
}

/** The type's own rule: a class stands for the types listed, and `type` must be one of them. */
function TypeOf(types: readonly CaseTypeName[]): PropertyDecorator {
  return applyDecorators(ApiProperty({ enum: types }), IsIn(types, { message: `type must be one of ${types.join(', ')}` }));
}

/** What a type carries of its own: required for its type (other classes do not even name it). */
function TypeDetails(target: () => Class, requiredFor: string): PropertyDecorator {
  return (prototype, property) =>
    applyDecorators(
      ApiProperty({ type: target }),
      Type(target),
      IsDefined({ message: `${String(property)} is required for ${requiredFor}` }),
      IsObject({ message: `${String(property)} must be an object` }),
      ValidateNested(),
    )(prototype, property);
}

/** 咨询, 求助, 投诉, 举报, 建议, 表扬, 求决, 申诉: the matter in the description is all they need. */
export const GENERAL_TYPES = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise', 'demand', 'appeal'] as const;

export class GeneralCaseRequestDto extends CaseRequestDto {
  @TypeOf(GENERAL_TYPES)
  type: (typeof GENERAL_TYPES)[number];
}

/** 依申请公开 */
export class InformationDisclosureRequestDto extends CaseRequestDto {
  @TypeOf(['information-disclosure'])
  type: 'information-disclosure';

  @TypeDetails(() => InformationDisclosureDto, 'an information-disclosure application')
  disclosure: InformationDisclosureDto;
}

/** 政务服务 */
export class ServiceApplicationRequestDto extends CaseRequestDto {
  @TypeOf(['service-application'])
  type: 'service-application';

  @TypeDetails(() => ServiceApplicationDto, 'a service application')
  serviceApplication: ServiceApplicationDto;
}

/** 人大建议 / 政协提案 */
export class ProposalRequestDto extends CaseRequestDto {
  @TypeOf(['deputy-suggestion', 'cppcc-proposal'])
  type: 'deputy-suggestion' | 'cppcc-proposal';

  @TypeDetails(() => ProposalDto, 'a deputy suggestion or a CPPCC proposal')
  proposal: ProposalDto;
}

/** A case request: one class per kind of type, chosen by `type` (see DiscriminatedBody). */
export type SubmitCaseRequestDto =
  GeneralCaseRequestDto | InformationDisclosureRequestDto | ServiceApplicationRequestDto | ProposalRequestDto;

export const CASE_REQUEST_CLASSES: Readonly<Record<CaseTypeName, Class<SubmitCaseRequestDto>>> = {
  ...Object.fromEntries(GENERAL_TYPES.map((type) => [type, GeneralCaseRequestDto])),
  'information-disclosure': InformationDisclosureRequestDto,
  'service-application': ServiceApplicationRequestDto,
  'deputy-suggestion': ProposalRequestDto,
  'cppcc-proposal': ProposalRequestDto,
} as Record<CaseTypeName, Class<SubmitCaseRequestDto>>;
