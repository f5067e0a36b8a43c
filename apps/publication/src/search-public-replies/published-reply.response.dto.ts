import { ApiProperty } from '@nestjs/swagger';

export class PublicWithheldPartDto {
  @ApiProperty({ example: 'name', description: 'what kind of thing was withheld (its mask stands in the text)' }) type: string;
  @ApiProperty({ example: '个人隐私', description: 'why: 国家秘密, 商业秘密, 个人隐私 or 内部过程信息' }) reason: string;
}

export class HighlightDto {
  @ApiProperty({ description: 'UTF-16 code units into the snippet' }) start: number;
  @ApiProperty({ description: 'exclusive' }) end: number;
}

export class SnippetDto {
  @ApiProperty({ example: '…关于小区夜间施工噪音的问题，经核实…' }) text: string;
  @ApiProperty({ type: [HighlightDto], description: 'where the query’s terms stand in the snippet' }) highlights: HighlightDto[];
}

export class PublishedReplyHitDto {
  @ApiProperty() id: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty({ type: String, nullable: true, example: 'urban.02.04', description: 'the category of the case (null if none was known)' })
  domain: string | null;
  @ApiProperty({ type: String, nullable: true, example: '430102', description: 'the region of the case (GB/T 2260)' })
  regionCode: string | null;
  @ApiProperty() publishedAt: Date;
  @ApiProperty({ type: SnippetDto }) snippet: SnippetDto;
  @ApiProperty({ type: [PublicWithheldPartDto] }) withheld: PublicWithheldPartDto[];
}

export class PublishedReplyPageDto {
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'replies found in all' }) total: number;
  @ApiProperty({ type: [PublishedReplyHitDto] }) items: PublishedReplyHitDto[];
}

export class PublishedReplyDto {
  @ApiProperty() id: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty({ type: String, nullable: true, example: 'urban.02.04' }) domain: string | null;
  @ApiProperty({ type: String, nullable: true, example: '430102' }) regionCode: string | null;
  @ApiProperty({ description: 'The reply as published: redacted, each withheld part replaced by the mask of its type' }) text: string;
  @ApiProperty({ type: [PublicWithheldPartDto] }) withheld: PublicWithheldPartDto[];
  @ApiProperty() publishedAt: Date;
}
