import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { AssignCaseWhenCaseIsSubmitted } from './assign-case/assign-case-when-case-is-submitted.events.controller';
import { AssignCaseHandler } from './assign-case/assign-case.handler';
import { ImportCatalogHttpController } from './import-catalog/import-catalog.http.controller';
import { CatalogVersions } from './infra/catalog-versions';
import { ReadCatalogHttpController } from './read-catalog/read-catalog.http.controller';
import { dispatchEntities, dispatchMigrations } from './infra/dispatch.database';

@Module({
  imports: [PlatformModule.forService({ service: 'dispatch', entities: dispatchEntities, migrations: dispatchMigrations })],
  controllers: [ImportCatalogHttpController, ReadCatalogHttpController],
  providers: [CatalogVersions, AssignCaseHandler, AssignCaseWhenCaseIsSubmitted],
})
export class DispatchModule {}
