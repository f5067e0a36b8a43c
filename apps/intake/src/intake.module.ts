import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { GetCaseHttpController } from './get-case/get-case.http.controller';
import { CaseGroupCommit } from './infra/case.group-commit';
import { CaseWriter } from './infra/case.writer';
import { intakeEntities, intakeMigrations } from './infra/intake.database';
import { TrackingNumberAllocator } from './infra/tracking-number.allocator';
import { SubmitCaseHandler } from './submit-case/submit-case.handler';
import { SubmitCaseHttpController } from './submit-case/submit-case.http.controller';

@Module({
  imports: [PlatformModule.forService({ service: 'intake', entities: intakeEntities, migrations: intakeMigrations })],
  controllers: [SubmitCaseHttpController, GetCaseHttpController],
  providers: [SubmitCaseHandler, CaseWriter, CaseGroupCommit, TrackingNumberAllocator],
})
export class IntakeModule {}
