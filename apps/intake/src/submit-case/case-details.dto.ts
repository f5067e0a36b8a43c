import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { EachIsObject, Satisfies, TextField } from '@ugov/platform';
import { ATTACHMENT_MEDIA_TYPES, attachmentSizeProblemOf, MAX_ATTACHMENTS } from '../domain/attachment.rules';

const MEDIA_TYPES = Object.keys(ATTACHMENT_MEDIA_TYPES);
const HTTPS_URL = /^https:\/\/[^\s/?#]+[^\s]{0,1990}$/;

/** A file the requester sent, stored by the channel: where it is, what it is, how large. */
export class AttachmentDto {
  @ApiProperty({ example: 'https://media.example.cn/u/2026/11/30/lamp.jpg', pattern: HTTPS_URL.source, maxLength: 2000 })
  @Matches(HTTPS_URL, { message: 'url must be an https URL of at most 2000 characters, without spaces' })
  @IsDefined()
  url: string;

  @ApiProperty({ enum: MEDIA_TYPES })
  @IsIn(MEDIA_TYPES, { message: `mediaType must be one of ${MEDIA_TYPES.join(', ')}` })
  mediaType: string;

  @ApiProperty({ example: 482113, description: 'bytes; images at most 10 MiB, PDF and audio 20 MiB, video 100 MiB' })
  @Satisfies('attachmentSize', (field, value, attachment) => attachmentSizeProblemOf(field, value, (attachment as AttachmentDto).mediaType))
  @IsDefined()
  sizeBytes: number;

  @TextField({ maxLength: 100, optional: true, example: '路灯.jpg' })
  name?: string;
}

/** Up to MAX_ATTACHMENTS files, each checked on its own; may be absent. */
export function Attachments(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [AttachmentDto], maxItems: MAX_ATTACHMENTS, description }),
    IsOptional(),
    IsArray({ message: 'attachments must be an array' }),
    ArrayMaxSize(MAX_ATTACHMENTS, { message: `attachments must hold at most ${MAX_ATTACHMENTS} files` }),
    EachIsObject(),
    ValidateNested(),
    Type(() => AttachmentDto),
  );
}

export const DELIVERY_FORMS = ['paper', 'electronic'] as const;
export const DELIVERY_METHODS = ['post', 'email', 'fax', 'pickup'] as const;

/** 依申请公开: what information, for what purpose, in which form and how it is to be delivered. */
export class InformationDisclosureDto {
  @TextField({ maxLength: 2000, multiline: true, example: '2025年本区老旧小区改造项目的资金使用情况' })
  informationRequested: string;

  @TextField({ maxLength: 1000, multiline: true, example: '了解本小区改造资金的使用' })
  purpose: string;

  @ApiProperty({ enum: DELIVERY_FORMS, description: '载体形式' })
  @IsIn(DELIVERY_FORMS, { message: `deliveryForm must be one of ${DELIVERY_FORMS.join(', ')}` })
  deliveryForm: (typeof DELIVERY_FORMS)[number];

  @ApiProperty({ enum: DELIVERY_METHODS, description: '获取方式' })
  @IsIn(DELIVERY_METHODS, { message: `deliveryMethod must be one of ${DELIVERY_METHODS.join(', ')}` })
  deliveryMethod: (typeof DELIVERY_METHODS)[number];
}

/** One required material of a service item, with the file that provides it. */
export class MaterialDto {
  @TextField({ maxLength: 100, example: '身份证复印件' })
  name: string;

  @ApiProperty({ type: AttachmentDto })
  @ValidateNested()
  @IsObject({ message: 'file must be an object' })
  @IsDefined()
  @Type(() => AttachmentDto)
  file: AttachmentDto;
}

/** Service item codes of the catalog (事项编码): letters, digits, dots and dashes. */
const SERVICE_ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;

/** 政务服务: the catalog service item applied for, and its materials. */
export class ServiceApplicationDto {
  @ApiProperty({ example: '430100-000201-xk', pattern: SERVICE_ITEM_CODE.source })
  @Matches(SERVICE_ITEM_CODE, {
    message: 'serviceItemCode must be a service item code of letters, digits, dots and dashes, at most 64 characters',
  })
  @IsDefined()
  serviceItemCode: string;

  @ApiProperty({ type: [MaterialDto], minItems: 1, maxItems: MAX_ATTACHMENTS })
  @ValidateNested()
  @EachIsObject()
  @ArrayMaxSize(MAX_ATTACHMENTS, { message: `materials must hold at most ${MAX_ATTACHMENTS} items` })
  @ArrayMinSize(1, { message: 'materials must hold at least one material' })
  @IsArray({ message: 'materials must be an array' })
  @IsDefined()
  @Type(() => MaterialDto)
  materials: MaterialDto[];
}

export class ProposerDto {
  @TextField({ maxLength: 50, example: '王代表' })
  name: string;

  @TextField({ maxLength: 64, optional: true, example: 'D-0107', description: "the deputy's or member's number" })
  memberId?: string;
}

/** 人大建议 / 政协提案: its title, session and number, and who put it forward (the lead first). */
export class ProposalDto {
  @TextField({ maxLength: 200, example: '关于加快老旧小区加装电梯的建议' })
  title: string;

  @TextField({ maxLength: 100, example: '市十六届人大三次会议' })
  session: string;

  @TextField({ maxLength: 50, optional: true, example: '第0042号' })
  number?: string;

  @ApiProperty({ type: [ProposerDto], minItems: 1, maxItems: 100 })
  @ValidateNested()
  @EachIsObject()
  @ArrayMaxSize(100, { message: 'proposers must hold at most 100 people' })
  @ArrayMinSize(1, { message: 'proposers must name at least one person' })
  @IsArray({ message: 'proposers must be an array' })
  @IsDefined()
  @Type(() => ProposerDto)
  proposers: ProposerDto[];
}
