import { applyDecorators, type Type as Class } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, IsOptional, Matches, ValidateIf, ValidateNested } from 'class-validator';
import { CHANNELS } from '@ugov/contracts';
import { EachIsObject, Satisfies, TextField } from '@ugov/platform';
import { CHANNEL_DETAILS_FIELD, channelDetailsProblemOf } from '../domain/channel.rules';

const CHANNEL_NAMES = Object.keys(CHANNELS);

/** Ids that other systems give (a call, an SMS, a terminal, a member of staff): one line of text. */
const ExternalId = (example: string, optional = false) => TextField({ maxLength: 128, example, optional });

export class HotlineCallDto {
  @ExternalId('A0217') agentId: string;
  @ExternalId('20261130-093015-0042') callId: string;
}

export class SmsMessageDto {
  @ExternalId('sms-gw-7f3a9c') gatewayMessageId: string;
}

/** The mail as the e-mail gateway parsed it: its Message-ID and subject; the body is the case's description. */
export class EmailMessageDto {
  @TextField({ maxLength: 998, example: '<20261130.0042@mail.example.cn>' }) messageId: string;
  @TextField({ maxLength: 200, optional: true, example: '路灯坏了' }) subject?: string;
}

export class KioskDto {
  @ExternalId('kiosk-A2-07') terminalId: string;
}

/** The village proxy agent (代办员) who submits for the requester; the requester is the case's `requester`. */
export class ProxyAgentDto {
  @ExternalId('agent-0031') agentId: string;
  @TextField({ maxLength: 50, example: '李四' }) name: string;
}

export class WindowDto {
  @ExternalId('staff-1187') staffId: string;
  @ExternalId('window-12', true) windowId?: string;
}

/** The answer to one question of a GeoReport service definition (a multi-value list has several values). */
export class Open311AttributeAnswerDto {
  @ExternalId('FACILITY') code: string;

  @ApiProperty({ type: [String], example: ['streetlight'], maxItems: 20 })
  @Satisfies('answerValues', (field, values) =>
    Array.isArray(values) &&
    values.length >= 1 &&
    values.length <= 20 &&
    values.every((value) => typeof value === 'string' && value.length <= 500)
      ? undefined
      : `${field} must be a list of 1 to 20 texts of at most 500 characters`,
  )
  values: string[];
}

/** Set by the Open311 routes: the GeoReport service the request was filed under, its attributes, the client's device or account. */
export class Open311Dto {
  @ExternalId('urban.municipal-facilities') serviceCode: string;
  @ExternalId('device-9', true) deviceId?: string;
  @ExternalId('account-1', true) accountId?: string;

  @ApiPropertyOptional({ example: 'https://media.example.cn/p/1.jpg', maxLength: 2000 })
  @IsOptional()
  @Matches(/^https?:\/\/\S{1,1990}$/, { message: 'mediaUrl must be an http(s) URL of at most 2000 characters, without spaces' })
  mediaUrl?: string;

  @ApiPropertyOptional({ type: [Open311AttributeAnswerDto], maxItems: 50 })
  @IsOptional()
  @IsArray({ message: 'attributes must be an array' })
  @ArrayMaxSize(50, { message: 'attributes must hold at most 50 answers' })
  @EachIsObject()
  @ValidateNested()
  @Type(() => Open311AttributeAnswerDto)
  attributes?: Open311AttributeAnswerDto[];
}

/** The details a channel carries (see CHANNEL_DETAILS_FIELD): required with that channel, refused with any other. */
function ChannelDetails(target: () => Class): PropertyDecorator {
  return (prototype, property) => {
    const field = String(property);
    const channel = Object.entries(CHANNEL_DETAILS_FIELD).find(([, name]) => name === field)?.[0];
    applyDecorators(
      ApiPropertyOptional({ type: target, description: `required when channel is ${channel}, refused otherwise` }),
      // With no valid channel, the channel's own error is enough: details are judged against a channel that exists.
      ValidateIf(
        (request: Record<string, unknown>) =>
          request.channel === channel || (request[field] !== undefined && CHANNEL_NAMES.includes(request.channel as string)),
      ),
      Satisfies('channelDetails', (name, value, request) =>
        channelDetailsProblemOf(name, value, (request as { channel?: unknown }).channel),
      ),
      IsObject({ message: `${field} must be an object` }),
      ValidateNested(),
      Type(target),
    )(prototype, property);
  };
}

/** What every case request may carry for its channel. */
export abstract class ChannelDetailsDto {
  @ChannelDetails(() => HotlineCallDto) hotline?: HotlineCallDto;
  @ChannelDetails(() => SmsMessageDto) sms?: SmsMessageDto;
  @ChannelDetails(() => EmailMessageDto) email?: EmailMessageDto;
  @ChannelDetails(() => KioskDto) kiosk?: KioskDto;
  @ChannelDetails(() => ProxyAgentDto) proxyAgent?: ProxyAgentDto;
  @ChannelDetails(() => WindowDto) window?: WindowDto;
  @ChannelDetails(() => Open311Dto) open311?: Open311Dto;
}
