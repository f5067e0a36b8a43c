import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SITE_COLUMN_CODES } from '../domain/site-census/site-columns';
import { PublicSearchRequestDto } from '../search-public-replies/search-public-replies.request.dto';

export class SearchPublicInformationRequestDto extends PublicSearchRequestDto {
  @ApiPropertyOptional({ enum: SITE_COLUMN_CODES, description: 'only the information of this column (栏目)' })
  @IsIn(SITE_COLUMN_CODES, { message: `column must be one of ${SITE_COLUMN_CODES.join(', ')}` })
  @IsOptional()
  column?: string;
}
