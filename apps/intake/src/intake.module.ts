import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PlatformModule } from '@ugov/platform';
import { IntegratorKeyAuthenticator } from './authenticate-integrator/integrator-key.authenticator';
import { GetCaseHttpController } from './get-case/get-case.http.controller';
import { IntegratorKeysHttpController } from './manage-integrator-keys/integrator-keys.http.controller';
import { IntegratorKeys } from './manage-integrator-keys/integrator-keys.service';
import { CaseGroupCommit } from './infra/case.group-commit';
import { CaseWriter } from './infra/case.writer';
import { intakeEntities, intakeMigrations } from './infra/intake.database';
import { TrackingNumberAllocator } from './infra/tracking-number.allocator';
import { SubmitCaseHandler } from './submit-case/submit-case.handler';
import { SubmitCaseHttpController } from './submit-case/submit-case.http.controller';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'intake',
      entities: intakeEntities,
      migrations: intakeMigrations,
      integratorKeys: IntegratorKeyAuthenticator,
    }),
  ],
  controllers: [SubmitCaseHttpController, GetCaseHttpController, IntegratorKeysHttpController],
  providers: [
    SubmitCaseHandler,
    CaseWriter,
    CaseGroupCommit,
    TrackingNumberAllocator,
    { provide: IntegratorKeys, inject: [DataSource], useFactory: (dataSource: DataSource) => new IntegratorKeys(dataSource) },
  ],
})
export class IntakeModule {}
