import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses } from '@ugov/platform';
import { DELIVERY_METHODS } from '../domain/delivery/delivery-method';
import { ChannelHealthChecker } from './channel-health-checker';

class DeliveryQueueDto {
  @ApiProperty({ description: 'deliveries waiting to be sent, due or backing off' }) pending: number;
  @ApiProperty({ description: 'deliveries that ended dead after their last attempt' }) dead: number;
}

class ChannelHealthDto {
  @ApiProperty({ enum: DELIVERY_METHODS }) method: string;
  @ApiProperty({ enum: ['up', 'down', 'not-configured', 'unknown'] }) status: string;
  @ApiPropertyOptional({ nullable: true, description: 'what the provider answered to the last probe, or why it failed' }) detail:
    string | null;
  @ApiPropertyOptional({ nullable: true }) checkedAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) lastSuccessAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) lastFailureAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) lastError: string | null;
  @ApiProperty() consecutiveFailures: number;
  @ApiProperty({ type: DeliveryQueueDto }) queue: DeliveryQueueDto;
}

class ChannelsHealthResponseDto {
  @ApiProperty({ type: [ChannelHealthDto] }) channels: ChannelHealthDto[];
  @ApiProperty({ type: DeliveryQueueDto, description: 'deliveries whose channel is not known yet (the contact has not arrived)' })
  unrouted: DeliveryQueueDto;
}

@ApiTags('deliveries')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/channels')
export class ChannelHealthHttpController {
  constructor(private readonly checker: ChannelHealthChecker) {}

  /** Probes every delivery channel now, then tells each one's health (last success and failure, failures in a row) and its queue. */
  @Get('health')
  @Allow('supervisor', 'admin')
  @ApiOkResponse({ type: ChannelsHealthResponseDto })
  async health(): Promise<ChannelsHealthResponseDto> {
    await this.checker.checkAll();
    const [channels, unrouted] = await Promise.all([this.checker.report(), this.checker.unroutedQueue()]);
    return { channels, unrouted };
  }
}
