import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow, ApiProblemResponses } from '@ugov/platform';
import { ParkedEventRepository } from '../infra/parked-event.repository';
import { ListParkedEventsRequestDto } from './list-parked-events.request.dto';
import { ParkedEventDto, ParkedEventsResponseDto } from './parked-events.response.dto';

@ApiTags('parked events')
@ApiBearerAuth()
@Controller('v1/parked-events')
export class ListParkedEventsHttpController {
  constructor(private readonly parkedEvents: ParkedEventRepository) {}

  /** Events the services' outbox relays could never publish and set aside, newest first, with counts. */
  @Get()
  @Allow('supervisor', 'admin')
  @ApiOkResponse({ type: ParkedEventsResponseDto })
  @ApiProblemResponses(400, 401, 403)
  async list(@Query() query: ListParkedEventsRequestDto): Promise<ParkedEventsResponseDto> {
    const [counts, newest] = await Promise.all([
      this.parkedEvents.countByServiceAndTopic(),
      this.parkedEvents.newest(query.service, query.limit),
    ]);
    return {
      total: counts.reduce((sum, count) => sum + count.count, 0),
      counts,
      parkedEvents: newest.map((parkedEvent) => ParkedEventDto.of(parkedEvent)),
    };
  }
}
