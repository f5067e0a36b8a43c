import { Controller, Get, Headers, NotFoundException, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblemResponses, CodeParam, Public } from '@ugov/platform';
import { serviceGuide, serviceGuideSummaries } from '../domain/guides/service-guides';
import { answerLanguage, PublicLanguageRequestDto } from './public-language.request.dto';
import { ServiceGuideListResponseDto, ServiceGuideResponseDto } from './service-guide.response.dto';

/** The service guides (办事指南): the catalog's service items with the eight disclosures (八公开), for everyone. */
@ApiTags('public')
@ApiProblemResponses(400)
@Controller('v1/public/service-guides')
export class ReadServiceGuidesHttpController {
  /** Every service item, with its department, in one language. */
  @Get()
  @Public()
  @ApiOkResponse({ type: ServiceGuideListResponseDto })
  list(
    @Query() query: PublicLanguageRequestDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): ServiceGuideListResponseDto {
    const tag = answerLanguage(query, acceptLanguage, reply);
    return { ...tag, guides: serviceGuideSummaries(tag.language) };
  }

  /** One service item's guide: its eight disclosures, in one language. */
  @Get(':code')
  @Public()
  @ApiProblemResponses(404)
  @ApiOkResponse({ type: ServiceGuideResponseDto })
  read(
    @CodeParam('code') code: string,
    @Query() query: PublicLanguageRequestDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): ServiceGuideResponseDto {
    const tag = answerLanguage(query, acceptLanguage, reply);
    const guide = serviceGuide(code, tag.language);
    if (!guide) throw new NotFoundException(`service guide ${code} not found`);
    return { ...tag, ...guide };
  }
}
