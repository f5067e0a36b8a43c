import { ApiProperty } from '@nestjs/swagger';
import { PublicWithheldPartDto, SnippetDto } from '../search-public-replies/published-reply.response.dto';

export class PublishedInformationHitDto {
  @ApiProperty() id: string;
  @ApiProperty() columnCode: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() title: string;
  @ApiProperty() publishedAt: Date;
  @ApiProperty({ type: SnippetDto }) snippet: SnippetDto;
}

export class PublishedInformationPageDto {
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'items found in all' }) total: number;
  @ApiProperty({ type: [PublishedInformationHitDto] }) items: PublishedInformationHitDto[];
}

export class PublishedInformationDto {
  @ApiProperty() id: string;
  @ApiProperty() columnCode: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'as published: redacted, each withheld part replaced by the mask of its type' }) text: string;
  @ApiProperty({ type: [PublicWithheldPartDto] }) withheld: PublicWithheldPartDto[];
  @ApiProperty() publishedAt: Date;
}
