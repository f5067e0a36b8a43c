import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, RequestValidationError } from '@ugov/platform';
import { catalogDocument, listCatalogVersions } from '../infra/catalog-version.repository';
import { CatalogVersionDto } from '../import-catalog/import-catalog.response.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@ApiProblemResponses(401, 403)
@Controller('v1/catalog/versions')
export class ReadCatalogHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** Every catalog version, oldest first, with the time it takes effect. */
  @Get()
  @Allow('dispatcher', 'admin', 'supervisor')
  @ApiOkResponse({ type: [CatalogVersionDto] })
  async list(): Promise<CatalogVersionDto[]> {
    return (await listCatalogVersions(this.dataSource)).map((row) => CatalogVersionDto.of(row));
  }

  /** One version's whole catalog, in the format the import takes. */
  @Get(':version')
  @Allow('dispatcher', 'admin', 'supervisor')
  @ApiOkResponse({ description: 'the catalog document' })
  @ApiProblemResponses(400, 404)
  async one(@Param('version') version: string): Promise<unknown> {
    if (!/^[1-9]\d{0,8}$/.test(version))
      throw new RequestValidationError([{ field: 'version', reason: 'version must be a positive whole number' }]);
    const document = await catalogDocument(this.dataSource, Number(version));
    if (!document) throw new NotFoundException(`there is no catalog version ${version}`);
    return document;
  }
}
