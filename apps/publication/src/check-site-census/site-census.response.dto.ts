import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ColumnCensusDto {
  @ApiProperty({ example: 'news' }) code: string;
  @ApiProperty({ example: '新闻动态' }) name: string;
  @ApiProperty({ example: '14 days' }) updateWithin: string;
  @ApiProperty({ description: 'published items in it by the census' }) items: number;
  @ApiPropertyOptional({ nullable: true }) lastPublishedAt: Date | null;
  @ApiProperty({ enum: ['ok', 'not-updated', 'empty'] }) finding: string;
}

export class UnansweredMessageDto {
  @ApiProperty() caseId: string;
  @ApiProperty({ example: 'web-portal' }) channel: string;
  @ApiProperty() submittedAt: Date;
}

export class SiteCensusResponseDto {
  @ApiProperty({ description: 'the instant the census is taken at' }) asOf: Date;
  @ApiProperty({ type: [ColumnCensusDto] }) columns: ColumnCensusDto[];
  @ApiProperty({ description: 'columns flagged: empty or not updated within their limit' }) flaggedColumns: number;
  @ApiProperty({ description: 'messages left by the public on the site with no answer for 3 months or more' })
  unansweredMessages: number;
  @ApiProperty({ type: [UnansweredMessageDto], description: 'the oldest of them, up to 100' }) oldestUnanswered: UnansweredMessageDto[];
}
