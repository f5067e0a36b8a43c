import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { AssignCaseWhenCaseIsSubmitted } from './assign-case/assign-case-when-case-is-submitted.events.controller';
import { AssignCaseHandler } from './assign-case/assign-case.handler';
import { CATALOG, loadCatalog } from './infra/catalog.provider';
import { DOMAIN_CLASSIFIER, loadDomainClassifier } from './infra/classification/model-store';
import { dispatchEntities, dispatchMigrations } from './infra/dispatch.database';

@Module({
  imports: [PlatformModule.forService({ service: 'dispatch', entities: dispatchEntities, migrations: dispatchMigrations })],
  providers: [
    { provide: CATALOG, useFactory: () => loadCatalog() },
    { provide: DOMAIN_CLASSIFIER, useFactory: () => loadDomainClassifier() },
    AssignCaseHandler,
    AssignCaseWhenCaseIsSubmitted,
  ],
})
export class DispatchModule {}
