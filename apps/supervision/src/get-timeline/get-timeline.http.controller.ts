import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Allow, UuidParam } from '@ugov/platform';
import { TimelineEntryEntity } from '../infra/timeline-entry.entity';
import { TimelineHopDto, TimelineResponseDto } from './timeline.response.dto';

@ApiTags('timeline')
@ApiBearerAuth()
@Controller('v1/cases')
export class GetTimelineHttpController {
  constructor(@InjectRepository(TimelineEntryEntity) private readonly entries: Repository<TimelineEntryEntity>) {}

  /** Every hop of a case in the order it happened. */
  @Get(':id/timeline')
  @Allow('dispatcher', 'supervisor')
  @ApiOkResponse({ type: TimelineResponseDto })
  @ApiNotFoundResponse({ description: 'supervision has seen no event of this case' })
  async timeline(@UuidParam('id') caseId: string): Promise<TimelineResponseDto> {
    const entries = await this.entries.find({ where: { caseId }, order: { occurredAt: 'ASC', recordedAt: 'ASC' } });
    if (entries.length === 0) throw new NotFoundException(`no timeline for case ${caseId}`);
    return { caseId, hops: entries.map((entry) => TimelineHopDto.of(entry)) };
  }
}
