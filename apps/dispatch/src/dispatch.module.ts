import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { AssignCaseWhenCaseIsSubmitted } from './assign-case/assign-case-when-case-is-submitted.events.controller';
import { AssignCaseHandler } from './assign-case/assign-case.handler';
import { ClassifyTextHttpController } from './classify-text/classify-text.http.controller';
import { ImportCatalogHttpController } from './import-catalog/import-catalog.http.controller';
import { CatalogVersions } from './infra/catalog-versions';
import { DOMAIN_CLASSIFIER, loadDomainClassifier } from './infra/classification/model-store';
import { ReadCatalogHttpController } from './read-catalog/read-catalog.http.controller';
import { ClaimTriageCaseHandler } from './triage/claim-triage-case/claim-triage-case.handler';
import { ClaimTriageCaseHttpController } from './triage/claim-triage-case/claim-triage-case.http.controller';
import { ListTriageCasesHttpController } from './triage/list-triage-cases/list-triage-cases.http.controller';
import { ReleaseTriageCaseHandler } from './triage/release-triage-case/release-triage-case.handler';
import { ReleaseTriageCaseHttpController } from './triage/release-triage-case/release-triage-case.http.controller';
import { RouteTriageCaseHandler } from './triage/route-triage-case/route-triage-case.handler';
import { RouteTriageCaseHttpController } from './triage/route-triage-case/route-triage-case.http.controller';
import { dispatchEntities, dispatchMigrations } from './infra/dispatch.database';

@Module({
  imports: [PlatformModule.forService({ service: 'dispatch', entities: dispatchEntities, migrations: dispatchMigrations })],
  controllers: [
    ImportCatalogHttpController,
    ReadCatalogHttpController,
    ClassifyTextHttpController,
    ListTriageCasesHttpController,
    // In this order in the OpenAPI document, which the robustness fuzzing follows: claim, route, then release.
    ClaimTriageCaseHttpController,
    RouteTriageCaseHttpController,
    ReleaseTriageCaseHttpController,
  ],
  providers: [
    CatalogVersions,
    { provide: DOMAIN_CLASSIFIER, useFactory: () => loadDomainClassifier() },
    AssignCaseHandler,
    AssignCaseWhenCaseIsSubmitted,
    ClaimTriageCaseHandler,
    ReleaseTriageCaseHandler,
    RouteTriageCaseHandler,
  ],
})
export class DispatchModule {}
