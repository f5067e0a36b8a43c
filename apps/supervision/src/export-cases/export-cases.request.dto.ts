import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CodeField } from '@ugov/platform';
import { PeriodRequestDto } from '../compute-kpis/kpis.request.dto';

export const MAX_EXPORTED_ROWS = 100_000;

export class ExportCasesRequestDto extends PeriodRequestDto {
  @CodeField({
    optional: true,
    example: 'city-housing',
    description: 'only this department’s assignments (a department reads only its own)',
  })
  department?: string;

  @ApiPropertyOptional({
    enum: ['overdue', 'open'],
    description: 'overdue: replied late or open past the deadline; open: neither replied nor returned',
  })
  @IsIn(['overdue', 'open'], { message: 'state must be overdue or open' })
  @IsOptional()
  state?: 'overdue' | 'open';

  @ApiPropertyOptional({ default: 10_000, minimum: 1, maximum: MAX_EXPORTED_ROWS })
  @Max(MAX_EXPORTED_ROWS, { message: `limit must be at most ${MAX_EXPORTED_ROWS}` })
  @Min(1, { message: 'limit must be at least 1' })
  @IsInt({ message: 'limit must be a whole number' })
  @Type(() => Number)
  @IsOptional()
  limit: number = 10_000;
}
