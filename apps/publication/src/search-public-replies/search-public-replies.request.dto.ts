import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { isCivilDate } from '@ugov/calendar';
import { CodeField, TextField } from '@ugov/platform';

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

export class SearchPublicRepliesRequestDto {
  @TextField({
    maxLength: 100,
    optional: true,
    example: '噪音 施工',
    description: 'Words to find, separated by spaces; each must stand in the reply as written (at least two characters of a word)',
  })
  q?: string;

  @CodeField({ optional: true, example: 'a2-housing', description: 'only the replies of this department' })
  department?: string;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'published on or after this day (China time)' })
  @DayField('from', 'the first day')
  @IsOptional()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'published on or before this day (China time)' })
  @DayField('to', 'the last day')
  @IsOptional()
  to?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PUBLIC_PAGE, description: '20 replies a page' })
  @Max(MAX_PUBLIC_PAGE, { message: `page must be at most ${MAX_PUBLIC_PAGE}` })
  @Min(1, { message: 'page must be at least 1' })
  @IsInt({ message: 'page must be a whole number' })
  @Type(() => Number)
  @IsOptional()
  page: number = 1;
}
