import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateBy } from 'class-validator';
import { isCivilDate } from '@ugov/calendar';

/** About a year and a half of working days: more is a mistake, not a limit. */
export const MAX_WORKING_DAYS = 366;

const isDateInRange = (value: unknown) => typeof value === 'string' && isCivilDate(value) && value >= '2000-01-01' && value <= '2100-12-31';

export class DueDateRequestDto {
  @ApiProperty({ example: '2026-09-30', description: 'the day the case was accepted (China time), YYYY-MM-DD; it is not counted' })
  @ValidateBy({
    name: 'isAcceptanceDate',
    validator: {
      validate: isDateInRange,
      defaultMessage: () => 'acceptedOn must be a calendar date written YYYY-MM-DD, between 2000-01-01 and 2100-12-31',
    },
  })
  acceptedOn: string;

  @ApiProperty({ example: 10, minimum: 1, maximum: MAX_WORKING_DAYS, description: 'the limit in working days' })
  @Max(MAX_WORKING_DAYS, { message: `workingDays must be at most ${MAX_WORKING_DAYS}` })
  @Min(1, { message: 'workingDays must be at least 1' })
  @IsInt({ message: 'workingDays must be a whole number of working days' })
  @Type(() => Number)
  workingDays: number;
}
