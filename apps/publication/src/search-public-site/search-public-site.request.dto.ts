import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PUBLISHED_KINDS, type PublishedKind } from '../infra/published-site.search';
import { SearchPublicRepliesRequestDto } from '../search-public-replies/search-public-replies.request.dto';

export class SearchPublicSiteRequestDto extends SearchPublicRepliesRequestDto {
  @ApiPropertyOptional({
    enum: PUBLISHED_KINDS,
    description:
      'only replies or only government information; both without it (domain and region keep replies only: information has neither)',
  })
  @IsIn(PUBLISHED_KINDS, { message: `kind must be one of ${PUBLISHED_KINDS.join(', ')}` })
  @IsOptional()
  kind?: PublishedKind;
}
