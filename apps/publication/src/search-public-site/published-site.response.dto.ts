import { ApiProperty } from '@nestjs/swagger';
import { PUBLISHED_KINDS } from '../infra/published-site.search';
import { SnippetDto } from '../search-public-replies/published-reply.response.dto';

export class PublishedSiteHitDto {
  @ApiProperty({ enum: PUBLISHED_KINDS }) kind: string;
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, description: 'the title of information; null for a reply' }) title: string | null;
  @ApiProperty() departmentCode: string;
  @ApiProperty({ type: String, nullable: true, example: 'urban.02.04', description: 'a reply’s case category' }) domain: string | null;
  @ApiProperty({ type: String, nullable: true, example: '430102', description: 'a reply’s case region' }) regionCode: string | null;
  @ApiProperty() publishedAt: Date;
  @ApiProperty({ example: '/v1/public/replies/0b6c…', description: 'where the whole item is read' }) link: string;
  @ApiProperty({ type: SnippetDto }) snippet: SnippetDto;
}

export class PublishedSitePageDto {
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'items found in all' }) total: number;
  @ApiProperty({ type: [PublishedSiteHitDto], description: 'the best-ranked first, the newest among equals' })
  items: PublishedSiteHitDto[];
}
