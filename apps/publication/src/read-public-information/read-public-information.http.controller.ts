import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DomainError } from '@ugov/domain';
import { ApiProblemResponses, Public, UuidParam } from '@ugov/platform';
import { requestedSearchQuery } from '../search-public-replies/requested-search-query';
import { publishedInformation, searchPublishedInformation } from '../infra/published-information.search';
import { PublishedInformationDto, PublishedInformationPageDto } from './published-information.response.dto';
import { SearchPublicInformationRequestDto } from './read-public-information.request.dto';

/** The government information of the site's columns, as reviewers approved it for the public (no credentials). */
@ApiTags('public')
@Controller('v1/public/information')
export class ReadPublicInformationHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** Chinese full-text search over published information (title and text), ranked, 20 a page; without q, the newest. */
  @Get()
  @Public()
  @ApiOkResponse({ type: PublishedInformationPageDto })
  @ApiProblemResponses(400)
  async search(@Query() request: SearchPublicInformationRequestDto): Promise<PublishedInformationPageDto> {
    const query = requestedSearchQuery(request.q);
    return searchPublishedInformation(this.dataSource, {
      query,
      columnCode: request.column,
      departmentCode: request.department,
      fromDay: request.from,
      toDay: request.to,
      page: request.page,
    });
  }

  /** One published piece of information; anything not published is 404, as if it did not exist. */
  @Get(':id')
  @Public()
  @ApiOkResponse({ type: PublishedInformationDto })
  @ApiProblemResponses(400, 404)
  async read(@UuidParam('id') id: string): Promise<PublishedInformationDto> {
    const item = await publishedInformation(this.dataSource, id);
    if (!item) throw new DomainError('not-found', `no published information ${id}`, 'published-information-not-found');
    return { ...item, withheld: [...item.withheld] };
  }
}
