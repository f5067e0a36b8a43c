import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PUBLIC_LANGUAGES } from '../domain/guides/public-language';
import { DISCLOSURES } from '../domain/guides/service-guides';

export class NamedCodeDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class ServiceGuideSummaryDto {
  @ApiProperty({ example: '430100-000201-xk', description: '事项编码, as intake takes it in serviceApplication.serviceItemCode' })
  code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: NamedCodeDto, description: 'the responsible department' }) department: NamedCodeDto;
}

export class LanguageTaggedDto {
  @ApiProperty({ enum: PUBLIC_LANGUAGES, description: 'the language of every text of this answer (also in Content-Language)' })
  language: string;
  @ApiProperty({ description: 'true when none of the languages asked for is ours, so the answer is in zh-Hans' })
  languageFallback: boolean;
  @ApiPropertyOptional({ description: 'with languageFallback: says so, in the language of the answer' })
  languageNotice?: string;
}

export class ServiceGuideListResponseDto extends LanguageTaggedDto {
  @ApiProperty({ type: [ServiceGuideSummaryDto] }) guides: ServiceGuideSummaryDto[];
}

export class GuideDisclosureDto {
  @ApiProperty({ enum: DISCLOSURES }) key: string;
  @ApiProperty({ description: 'the heading, in the language of the answer' }) heading: string;
  @ApiPropertyOptional() text?: string;
  @ApiPropertyOptional({ type: [NamedCodeDto], description: 'for materials: every one is required' }) materials?: readonly NamedCodeDto[];
}

export class ServiceGuideResponseDto extends LanguageTaggedDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: NamedCodeDto }) department: NamedCodeDto;
  @ApiProperty({ type: [GuideDisclosureDto], description: 'the eight disclosures (八公开), in order' })
  disclosures: readonly GuideDisclosureDto[];
}
