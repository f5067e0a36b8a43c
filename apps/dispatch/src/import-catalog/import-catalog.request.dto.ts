import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, Matches } from 'class-validator';

const names = (zhHans: string, zhHant: string, en: string, fr: string, ja: string) => ({
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  en,
  fr,
  ja,
});

/** The smallest valid catalog: one city, one department, one category routed to it. */
export const SMALLEST_CATALOG = {
  city: '430100',
  regions: [{ code: '430100', level: 'city', names: names('A市', 'A市', 'A City', 'Ville A', 'A市') }],
  departments: [
    {
      code: 'city-office',
      kind: 'office',
      level: 'city',
      region: '430100',
      names: names('A市人民政府办公厅', 'A市人民政府辦公廳', 'General Office', 'Bureau général', 'A市人民政府弁公庁'),
    },
  ],
  domains: [{ code: 'other', names: names('其他', '其他', 'Other', 'Autre', 'その他'), defaultCategory: 'other.01.01' }],
  subdomains: [{ code: 'other.01', name: '其他', domain: 'other' }],
  categories: [{ code: 'other.01.01', name: '其他', subdomain: 'other.01', keywords: ['其他'] }],
  routes: [{ category: 'other.01.01', levels: { city: { lead: 'office' } }, timeLimits: { complaint: 10 } }],
};

export class ImportCatalogRequestDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: SMALLEST_CATALOG,
    description: 'the whole catalog: city, regions, departments, domains, subdomains, categories, routes (see README: the catalog format)',
  })
  @IsObject({ message: 'catalog must be an object' })
  catalog: Record<string, unknown>;

  @ApiPropertyOptional({
    example: '2026-12-01',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
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
