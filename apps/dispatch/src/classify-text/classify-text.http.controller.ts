import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Allow } from '@ugov/platform';
import type { Catalog } from '../domain/catalog';
import type { DomainClassifier } from '../domain/classification/domain-model';
import { classifyText } from '../domain/classification/text-routing';
import { CATALOG } from '../infra/catalog.provider';
import { DOMAIN_CLASSIFIER } from '../infra/classification/model-store';
import { ClassifyTextRequestDto } from './classify-text.request.dto';
import { ClassifyTextResponseDto } from './classify-text.response.dto';

@ApiTags('classification')
@ApiBearerAuth()
@Controller('v1/classify')
export class ClassifyTextHttpController {
  constructor(
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(DOMAIN_CLASSIFIER) private readonly classifier: DomainClassifier,
  ) {}

  /** What dispatch would decide for a text, without creating a case. lat/long are accepted; routing by map point comes with the catalog's regions. */
  @Post()
  @Allow('integrator', 'dispatcher', 'supervisor')
  @HttpCode(200)
  @ApiOkResponse({ type: ClassifyTextResponseDto })
  classify(@Body() request: ClassifyTextRequestDto): ClassifyTextResponseDto {
    return ClassifyTextResponseDto.of(
      classifyText(request.text, request.regionCode ?? '', this.catalog, this.classifier),
      this.classifier.version,
    );
  }
}
