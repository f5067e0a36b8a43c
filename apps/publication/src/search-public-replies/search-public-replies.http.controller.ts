import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { ApiProblemResponses, Public, UuidParam } from '@ugov/platform';
import { publishedReply, searchPublishedReplies } from '../infra/published-replies.search';
import { requestedSearchQuery } from './requested-search-query';
import { PublishedReplyDto, PublishedReplyPageDto } from './published-reply.response.dto';
import { SearchPublicRepliesRequestDto } from './search-public-replies.request.dto';

/** The public's view of the replies (no credentials): only what a reviewer approved as public, redacted. */
@ApiTags('public')
@Controller('v1/public/replies')
export class SearchPublicRepliesHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** Chinese full-text search over the published replies, ranked, with a highlighted snippet, 20 a page; without q, the newest. */
  @Get()
  @Public()
  @ApiOkResponse({ type: PublishedReplyPageDto })
  @ApiProblemResponses(400)
  async search(@Query() request: SearchPublicRepliesRequestDto): Promise<PublishedReplyPageDto> {
    const query = requestedSearchQuery(request.q);
    return searchPublishedReplies(this.dataSource, {
      query,
      departmentCode: request.department,
      fromDay: request.from,
      toDay: request.to,
      domain: request.domain,
      regionCode: request.region,
      page: request.page,
    });
  }

  /** One published reply; anything not published (awaiting review, withheld, not public) is 404, as if it did not exist. */
  @Get(':id')
  @Public()
  @ApiOkResponse({ type: PublishedReplyDto })
  @ApiProblemResponses(400, 404)
  async read(@UuidParam('id') id: string): Promise<PublishedReplyDto> {
    const reply = await publishedReply(this.dataSource, id);
    if (!reply) throw new DomainError('not-found', `no published reply ${id}`, 'published-reply-not-found');
    return { ...reply, withheld: [...reply.withheld] };
  }
}
