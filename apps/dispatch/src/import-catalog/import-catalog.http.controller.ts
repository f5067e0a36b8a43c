import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow, ApiProblemResponses, CurrentPrincipal, RequestValidationError, type Principal } from '@ugov/platform';
import { effectiveFromDate } from '../domain/catalog-version';
import { ImportCatalogRequestDto } from './import-catalog.request.dto';
import { importCatalog } from './import-catalog';
import { CatalogImportResponseDto } from './import-catalog.response.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@ApiProblemResponses(400, 401, 403)
@Controller('v1/catalog/versions')
export class ImportCatalogHttpController {
  constructor(private readonly dataSource: DataSource) {}

  /** Checks a catalog and stores it as the next version (or only checks it, with `dryRun`). Every problem is named. */
  @Post()
  @Allow('dispatcher', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: CatalogImportResponseDto })
  async import(@CurrentPrincipal() caller: Principal, @Body() body: ImportCatalogRequestDto): Promise<CatalogImportResponseDto> {
    const effectiveFrom = body.effectiveFrom === undefined ? new Date() : effectiveFromDate(body.effectiveFrom);
    if (!effectiveFrom)
      throw new RequestValidationError([
        { field: 'effectiveFrom', reason: `effectiveFrom ${body.effectiveFrom} is not a day of the calendar` },
      ]);
    const report = await importCatalog(
      {
        raw: body.catalog,
        effectiveFrom,
        source: 'admin API',
        importedBy: `${caller.roles.join('+')}:${caller.subject}`,
        dryRun: body.dryRun ?? false,
      },
      (work) => this.dataSource.transaction((manager) => work(manager)),
    );
    if (report.problems.length > 0)
      throw new RequestValidationError(report.problems.map(({ path, message }) => ({ field: `catalog.${path}`, reason: message })));
    return CatalogImportResponseDto.of(report);
  }
}
