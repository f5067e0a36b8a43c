import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses, Public } from '@ugov/platform';
import { DISCLOSURE_ATTRIBUTES, WITHHOLDING_REASONS } from '../domain/guides/disclosure-catalog';
import { answerLanguage } from '../read-service-guides/public-language.request.dto';
import { LanguageTaggedDto, NamedCodeDto } from '../read-service-guides/service-guide.response.dto';
import { ReadDisclosureCatalogQuery } from './read-disclosure-catalog.query';
import { ReadDisclosureCatalogRequestDto } from './read-disclosure-catalog.request.dto';

class DisclosureCatalogItemDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: NamedCodeDto }) category: NamedCodeDto;
  @ApiProperty({ type: NamedCodeDto }) department: NamedCodeDto;
  @ApiProperty({ enum: DISCLOSURE_ATTRIBUTES }) attribute: string;
  @ApiProperty({ description: 'the attribute in the language of the answer (主动公开 …)' }) attributeName: string;
  @ApiPropertyOptional({ enum: WITHHOLDING_REASONS, description: 'why it is not disclosed' }) reason?: string;
  @ApiPropertyOptional() reasonName?: string;
  @ApiPropertyOptional({ description: 'where the guide of a service item is read' }) serviceGuide?: string;
  @ApiPropertyOptional({ description: 'where a published reply is read' }) publishedReply?: string;
  @ApiPropertyOptional({ description: 'when a published reply was published' }) publishedAt?: Date;
}

class DisclosureCatalogResponseDto extends LanguageTaggedDto {
  @ApiProperty({ type: [NamedCodeDto] }) categories: NamedCodeDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'items in all, on every page' }) total: number;
  @ApiProperty({ type: [DisclosureCatalogItemDto], description: 'the file’s items first, then the published replies, newest first' })
  items: DisclosureCatalogItemDto[];
}

/** The information-disclosure catalog (政府信息公开目录), for everyone. */
@ApiTags('public')
@ApiProblemResponses(400)
@Controller('v1/public/disclosure-catalog')
export class ReadDisclosureCatalogHttpController {
  constructor(private readonly catalog: ReadDisclosureCatalogQuery) {}

  /** Every information item (the published replies too) with its category, department and disclosure attribute (with the reason when withheld). */
  @Get()
  @Public()
  @ApiOkResponse({ type: DisclosureCatalogResponseDto })
  async read(
    @Query() query: ReadDisclosureCatalogRequestDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DisclosureCatalogResponseDto> {
    const tag = answerLanguage(query, acceptLanguage, reply);
    const filter = { category: query.category, attribute: query.attribute, department: query.department };
    return { ...tag, ...(await this.catalog.page(tag.language, filter, query.page)) };
  }
}
