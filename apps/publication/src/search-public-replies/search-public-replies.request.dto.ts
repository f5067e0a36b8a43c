import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min, ValidateBy } from 'class-validator';
import { isCivilDate } from '@ugov/calendar';
import { CodeField, TextField } from '@ugov/platform';
import { DOMAIN_CODE, REGION_CODE } from '../domain/public-search/public-filters';
import { PublicLanguageRequestDto } from '../read-service-guides/public-language.request.dto';

/** Deeper than this, a reader should narrow the search instead. */
export const MAX_PUBLIC_PAGE = 500;

const DayField = (name: string, description: string) =>
  ValidateBy({
    name: 'isDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCivilDate(value) && value >= '2000-01-01' && value <= '2100-12-31',
      defaultMessage: () => `${name} must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31 (${description})`,
    },
  });

/** What every public search takes: its words, a department, a range of days, a page; `lang` for the language of its problems. */
/** `page` of a public list, from 1 to MAX_PUBLIC_PAGE. */
export const PublicPageField = (description: string): PropertyDecorator =>
  // Applied in the order stacked decorators are (the lowest first), so the first error told stays the one it was.
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'page must be a whole number' }),
    Min(1, { message: 'page must be at least 1' }),
    Max(MAX_PUBLIC_PAGE, { message: `page must be at most ${MAX_PUBLIC_PAGE}` }),
    ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PUBLIC_PAGE, description }),
  );

export class PublicSearchRequestDto extends PublicLanguageRequestDto {
  @TextField({
    maxLength: 100,
    optional: true,
    example: '噪音 施工',
    description: 'Words to find, separated by spaces; each must stand in the text as written (at least two characters of a word)',
  })
  q?: string;

  @CodeField({ optional: true, example: 'a2-housing', description: 'only what this department published' })
  department?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'published on or after this day (China time)' })
  @DayField('from', 'the first day')
  @IsOptional()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'published on or before this day (China time)' })
  @DayField('to', 'the last day')
  @IsOptional()
  to?: string;

  @PublicPageField('20 a page')
  page: number = 1;
}

/** The case's domain and region, which replies have and government information has not. */
export class SearchPublicRepliesRequestDto extends PublicSearchRequestDto {
  @ApiPropertyOptional({
    example: 'urban',
    description: 'only the replies to cases of this domain, subdomain or category of the catalog (urban, urban.02, urban.02.04)',
  })
  @Matches(DOMAIN_CODE, { message: 'domain must be a domain, subdomain or category code of the catalog, such as urban or urban.02.04' })
  @IsOptional()
  domain?: string;

  @ApiPropertyOptional({ example: '430102', description: 'only the replies to cases in this region (GB/T 2260) or a region within it' })
  @Matches(REGION_CODE, { message: 'region must be a GB/T 2260 code of 6, 9 or 12 digits' })
  @IsOptional()
  region?: string;
}
