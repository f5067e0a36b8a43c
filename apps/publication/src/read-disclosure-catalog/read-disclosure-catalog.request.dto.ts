import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CodeField } from '@ugov/platform';
import { DISCLOSURE_ATTRIBUTES, DISCLOSURE_CATEGORY_CODES, type DisclosureAttribute } from '../domain/guides/disclosure-catalog';
import { PublicLanguageRequestDto } from '../read-service-guides/public-language.request.dto';
import { PublicPageField } from '../search-public-replies/search-public-replies.request.dto';

export class ReadDisclosureCatalogRequestDto extends PublicLanguageRequestDto {
  @ApiPropertyOptional({ enum: DISCLOSURE_CATEGORY_CODES, description: 'only the items of this category' })
  @IsIn(DISCLOSURE_CATEGORY_CODES, { message: `category must be one of ${DISCLOSURE_CATEGORY_CODES.join(', ')}` })
  @IsOptional()
  category?: string;

  @ApiPropertyOptional({ enum: DISCLOSURE_ATTRIBUTES, description: '主动公开 (proactive), 依申请公开 (on-request) or 不予公开 (withheld)' })
  @IsIn(DISCLOSURE_ATTRIBUTES, { message: `attribute must be one of ${DISCLOSURE_ATTRIBUTES.join(', ')}` })
  @IsOptional()
  attribute?: DisclosureAttribute;

  @CodeField({ optional: true, example: 'city-housing', description: 'only the items of this department' })
  department?: string;

  @PublicPageField('100 items a page: the file’s first, then the published replies')
  page: number = 1;
}
