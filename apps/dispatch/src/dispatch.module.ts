import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { AnswerInstantlyHandler } from './answer-instantly/answer-instantly.handler';
import { InstantAnswersConfig, loadInstantAnswersConfig } from './answer-instantly/instant-answers.config';
import { AssignCaseWhenCaseIsSubmitted } from './assign-case/assign-case-when-case-is-submitted.events.controller';
import { AssignCaseHandler } from './assign-case/assign-case.handler';
import { DecideArbitrationHandler } from './decide-arbitration/decide-arbitration.handler';
import { DecideArbitrationHttpController } from './decide-arbitration/decide-arbitration.http.controller';
import { ImportCatalogHttpController } from './import-catalog/import-catalog.http.controller';
import { CatalogVersions } from './infra/catalog-versions';
import { Reassignments } from './infra/reassignments';
import { CloseCaseWhenCaseIsReplied } from './merge-repeat-case/close-case-when-case-is-replied.events.controller';
import { MergeRepeatCaseHandler } from './merge-repeat-case/merge-repeat-case.handler';
import { loadRepeatConfig, RepeatConfig } from './merge-repeat-case/repeat.config';
import { ListArbitrationsHttpController } from './list-arbitrations/list-arbitrations.http.controller';
import { ReadCatalogHttpController } from './read-catalog/read-catalog.http.controller';
import { RerouteCaseWhenAssignmentIsReturned } from './reroute-returned-case/reroute-case-when-assignment-is-returned.events.controller';
import { RerouteReturnedCaseHandler } from './reroute-returned-case/reroute-returned-case.handler';
import { loadReturnsConfig, ReturnsConfig } from './reroute-returned-case/returns.config';
import { ClassifyTextHttpController } from './classify-text/classify-text.http.controller';
import { DOMAIN_CLASSIFIER, loadDomainClassifier } from './infra/classification/model-store';
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
    ListArbitrationsHttpController,
    DecideArbitrationHttpController,
  ],
  providers: [
    CatalogVersions,
    { provide: DOMAIN_CLASSIFIER, useFactory: () => loadDomainClassifier() },
    AssignCaseHandler,
    AssignCaseWhenCaseIsSubmitted,
    ClaimTriageCaseHandler,
    ReleaseTriageCaseHandler,
    RouteTriageCaseHandler,
    { provide: ReturnsConfig, useFactory: () => loadReturnsConfig() },
    Reassignments,
    RerouteReturnedCaseHandler,
    RerouteCaseWhenAssignmentIsReturned,
    DecideArbitrationHandler,
    { provide: RepeatConfig, useFactory: () => loadRepeatConfig() },
    MergeRepeatCaseHandler,
    CloseCaseWhenCaseIsReplied,
    { provide: InstantAnswersConfig, useFactory: () => loadInstantAnswersConfig() },
    AnswerInstantlyHandler,
  ],
})
export class DispatchModule {}
