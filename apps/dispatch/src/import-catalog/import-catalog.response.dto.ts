import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CatalogVersionRow } from '../infra/catalog-version.repository';
import type { CatalogImportReport } from './import-catalog';

export class CatalogVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ description: 'cases accepted from then on are routed by this version (until a later one takes effect)' })
  effectiveFrom: string;
  @ApiProperty({ example: 'apps/dispatch/catalog/demo-city.json' }) source: string;
  @ApiProperty({ example: 'dispatcher:city-dispatch-center' }) importedBy: string;
  @ApiProperty() importedAt: string;

  static of(row: CatalogVersionRow): CatalogVersionDto {
    return {
      version: row.version,
      effectiveFrom: row.effectiveFrom.toISOString(),
      source: row.source,
      importedBy: row.importedBy,
      importedAt: row.importedAt.toISOString(),
    };
  }
}

export class CatalogCountsDto {
  @ApiProperty() regions: number;
  @ApiProperty() departments: number;
  @ApiProperty() categories: number;
  @ApiProperty() routes: number;
}

export class CatalogImportResponseDto {
  @ApiProperty({ description: 'false for a dry run' }) stored: boolean;
  @ApiProperty({ type: CatalogCountsDto }) counts: CatalogCountsDto;
  @ApiPropertyOptional({ type: CatalogVersionDto }) version?: CatalogVersionDto;

  static of(report: CatalogImportReport): CatalogImportResponseDto {
    return {
      stored: report.version !== undefined,
      counts: report.counts,
      ...(report.version ? { version: CatalogVersionDto.of(report.version) } : {}),
    };
  }
}
