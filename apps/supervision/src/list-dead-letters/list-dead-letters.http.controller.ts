import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { allEventParkedNotices, allEvents, allReferenceEvents } from '@ugov/contracts';
import { Allow, ApiProblemResponses } from '@ugov/platform';
import { DeadLetterRepository } from '../infra/dead-letter.repository';
import { DeadLetterCountsResponseDto, DeadLetterDto, DeadLettersResponseDto } from './dead-letters.response.dto';
import { ListDeadLettersRequestDto } from './list-dead-letters.request.dto';

const REGISTRY_TOPICS = [...allEvents, ...allReferenceEvents, ...allEventParkedNotices].map((definition) => definition.topic);

@ApiTags('dead letters')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/dead-letters')
export class ListDeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLetterRepository) {}

  /** How many messages each topic's consumer groups gave up on. */
  @Get('counts')
  @Allow('supervisor', 'admin')
  @ApiOkResponse({ type: DeadLetterCountsResponseDto })
  async counts(): Promise<DeadLetterCountsResponseDto> {
    return DeadLetterCountsResponseDto.of(REGISTRY_TOPICS, await this.deadLetters.countByTopicAndGroup());
  }

  /** The newest dead letters, with why and where from. */
  @Get()
  @Allow('supervisor', 'admin')
  @ApiOkResponse({ type: DeadLettersResponseDto })
  @ApiProblemResponses(400)
  async newest(@Query() query: ListDeadLettersRequestDto): Promise<DeadLettersResponseDto> {
    const newest = await this.deadLetters.newest({ originalTopic: query.topic, consumerGroup: query.consumerGroup }, query.limit);
    return { deadLetters: newest.map((deadLetter) => DeadLetterDto.of(deadLetter)) };
  }
}
