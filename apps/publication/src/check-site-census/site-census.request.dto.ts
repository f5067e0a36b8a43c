import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy } from 'class-validator';
import { isCivilDate } from '@ugov/calendar';

export class SiteCensusRequestDto {
  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'the census as it stands at the end of this day (China time), counting what was published by then; default now',
  })
  @ValidateBy({
    name: 'isDay',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCivilDate(value) && value >= '2000-01-01' && value <= '2100-12-31',
      defaultMessage: () => 'asOf must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31',
    },
  })
  @IsOptional()
  asOf?: string;
}
