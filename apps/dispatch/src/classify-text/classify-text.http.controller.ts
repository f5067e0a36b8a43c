import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow } from '@ugov/platform';
import type { DomainClassifier } from '../domain/classification/domain-model';
import { classifyText } from '../domain/classification/text-routing';
import { CatalogVersions } from '../infra/catalog-versions';
import { DOMAIN_CLASSIFIER } from '../infra/classification/model-store';
import { ClassifyTextRequestDto } from './classify-text.request.dto';
import { ClassifyTextResponseDto } from './classify-text.response.dto';

@ApiTags('classification')
@ApiBearerAuth()
@Controller('v1/classify')
export class ClassifyTextHttpController {
  constructor(
    private readonly catalogs: CatalogVersions,
    private readonly dataSource: DataSource,
    @Inject(DOMAIN_CLASSIFIER) private readonly classifier: DomainClassifier,
  ) {}

  /** What dispatch would decide for a text accepted now, without creating a case: routed by region code, else by map point. */
  @Post()
  @Allow('dispatcher', 'supervisor')
  @HttpCode(200)
  @ApiOkResponse({ type: ClassifyTextResponseDto })
  async classify(@Body() request: ClassifyTextRequestDto): Promise<ClassifyTextResponseDto> {
    await this.catalogs.refresh(this.dataSource);
    const { version, catalog } = this.catalogs.inForceAt(new Date());
    const location = { regionCode: request.regionCode, lat: request.lat, long: request.long };
    return ClassifyTextResponseDto.of(classifyText(request.text, location, catalog, this.classifier), this.classifier.version, version);
  }
}
