import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PublicWithheldPartDto } from '../search-public-replies/published-reply.response.dto';

/** A piece of government information as its department and the reviewers see it (never the text as written). */
export class InformationItemResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() columnCode: string;
  @ApiProperty() departmentCode: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'redacted; after the decision, as the reviewer left it' }) text: string;
  @ApiProperty({ type: [PublicWithheldPartDto] }) withheld: PublicWithheldPartDto[];
  @ApiProperty({ enum: ['awaiting-review', 'approved', 'rejected', 'withheld'] }) reviewStatus: string;
  @ApiPropertyOptional({ nullable: true, description: '主动公开, 依申请公开 or 不予公开, once decided' }) disclosure: string | null;
  @ApiPropertyOptional({ nullable: true }) disclosureReason: string | null;
  @ApiPropertyOptional({ nullable: true }) visibility: string | null;
  @ApiProperty() submittedAt: Date;
  @ApiPropertyOptional({ nullable: true }) decidedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, description: 'when it became public, if it did' }) publishedAt: Date | null;
}
