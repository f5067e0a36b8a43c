import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, Matches } from 'class-validator';

export class ImportCatalogRequestDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the whole catalog: city, regions, departments, domains, subdomains, categories, routes (see README: the catalog format)',
  })
  @IsObject({ message: 'catalog must be an object' })
  catalog: Record<string, unknown>;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'the day (China time) from which cases accepted are routed by it; today by default',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a day as YYYY-MM-DD' })
  @IsOptional()
  effectiveFrom?: string;

  @ApiPropertyOptional({ description: 'only check it and report; store nothing' })
  @IsBoolean({ message: 'dryRun must be true or false' })
  @IsOptional()
  dryRun?: boolean;
}
