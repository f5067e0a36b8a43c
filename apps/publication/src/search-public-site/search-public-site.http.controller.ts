import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ApiProblemResponses, Public } from '@ugov/platform';
import { searchPublishedSite } from '../infra/published-site.search';
import { requestedSearchQuery } from '../search-public-replies/requested-search-query';
import { PublishedSitePageDto } from './published-site.response.dto';
import { SearchPublicSiteRequestDto } from './search-public-site.request.dto';

/** One search over all the site publishes (no credentials): replies and government information, ranked together. */
@ApiTags('public')
@Controller('v1/public/search')
export class SearchPublicSiteHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** Chinese full text over published replies and information, ranked, 20 a page; without q, the newest. */
  @Get()
  @Public()
  @ApiOkResponse({ type: PublishedSitePageDto })
  @ApiProblemResponses(400)
  async search(@Query() request: SearchPublicSiteRequestDto): Promise<PublishedSitePageDto> {
    return searchPublishedSite(this.dataSource, {
      query: requestedSearchQuery(request.q),
      kind: request.kind,
      departmentCode: request.department,
      fromDay: request.from,
      toDay: request.to,
      domain: request.domain,
      regionCode: request.region,
      page: request.page,
    });
  }
}
