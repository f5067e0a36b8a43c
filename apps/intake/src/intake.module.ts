import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadContactKeys, PlatformModule, RequesterContactSeal } from '@ugov/platform';
import { IntegratorKeyAuthenticator } from './authenticate-integrator/integrator-key.authenticator';
import { GetCaseHttpController } from './get-case/get-case.http.controller';
import { IntegratorKeysHttpController } from './manage-integrator-keys/integrator-keys.http.controller';
import { IntegratorKeys } from './manage-integrator-keys/integrator-keys.service';
import { CaseGroupCommit } from './infra/case.group-commit';
import { CaseWriter } from './infra/case.writer';
import { intakeEntities, intakeMigrations } from './infra/intake.database';
import { PersonalDataCipher } from './infra/personal-data/personal-data.cipher';
import { loadPersonalDataKeys } from './infra/personal-data/personal-data.config';
import { TrackingNumberAllocator } from './infra/tracking-number.allocator';
import { ReadRequestStatusHttpController } from './read-request-status/read-request-status.http.controller';
import { RecordProgressWhenCaseMoves } from './record-progress/record-progress-when-case-moves.events.controller';
import { RecordProgressHandler } from './record-progress/record-progress.handler';
import { RecordCatalogWhenCatalogIsPublished } from './record-catalog/record-catalog-when-catalog-is-published.events.controller';
import { CatalogVersions } from './infra/catalog-versions';
import { RequesterCredentialGuard } from './requester-access/requester-credential.guard';
import { loadTrackingAttemptLimits, TrackingAttemptLimits } from './requester-access/tracking-attempts.config';
import { SubmitCaseHandler } from './submit-case/submit-case.handler';
import { SubmitCaseHttpController } from './submit-case/submit-case.http.controller';
import { Open311HttpController } from './open311/open311.http.controller';
import { RequesterSelfServiceHandler } from './requester-self-service/requester-self-service.handler';
import { RequesterSelfServiceHttpController } from './requester-self-service/requester-self-service.http.controller';
import { loadSelfServiceLimits, SelfServiceLimits } from './requester-self-service/self-service.config';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'intake',
      entities: intakeEntities,
      migrations: intakeMigrations,
      integratorKeys: IntegratorKeyAuthenticator,
      // Intake consumes only the progress its requesters read, off the case path: larger, fewer batches leave the
      // database pool and the event loop to accepting cases and publishing them. Every fetch costs kafkajs the
      // same whatever it brings (a batch object and promises for each of the dozen topics' partitions): at 200
      // cases/s, half a second instead of 50 ms took intake's minor GCs from 351 to 298 in 10 s. A requester
      // reads a step at most half a second later.
      consumerLingerMs: 500,
    }),
  ],
  controllers: [
    SubmitCaseHttpController,
    GetCaseHttpController,
    IntegratorKeysHttpController,
    ReadRequestStatusHttpController,
    Open311HttpController,
    RequesterSelfServiceHttpController,
  ],
  providers: [
    SubmitCaseHandler,
    CaseWriter,
    CaseGroupCommit,
    TrackingNumberAllocator,
    { provide: IntegratorKeys, inject: [DataSource], useFactory: (dataSource: DataSource) => new IntegratorKeys(dataSource) },
    // Checked at start-up: intake does not start without its keys.
    { provide: PersonalDataCipher, useFactory: () => new PersonalDataCipher(loadPersonalDataKeys()) },
    // The key that seals the requester's delivery contact for publication (README, "Delivery to the requester").
    { provide: RequesterContactSeal, useFactory: () => new RequesterContactSeal(loadContactKeys()) },
    { provide: TrackingAttemptLimits, useFactory: () => loadTrackingAttemptLimits() },
    RequesterCredentialGuard,
    RecordProgressHandler,
    RecordProgressWhenCaseMoves,
    CatalogVersions,
    RecordCatalogWhenCatalogIsPublished,
    { provide: SelfServiceLimits, useFactory: () => loadSelfServiceLimits() },
    RequesterSelfServiceHandler,
  ],
})
export class IntakeModule {}
