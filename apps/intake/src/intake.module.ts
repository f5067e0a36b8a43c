import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { GetCaseHttpController } from './get-case/get-case.http.controller';
import { CaseGroupCommit } from './infra/case.group-commit';
import { CaseWriter } from './infra/case.writer';
import { intakeEntities, intakeMigrations } from './infra/intake.database';
import { TrackingNumberAllocator } from './infra/tracking-number.allocator';
import { SubmitCaseHandler } from './submit-case/submit-case.handler';
import { SubmitCaseHttpController } from './submit-case/submit-case.http.controller';
import { Open311HttpController } from './open311/open311.http.controller';
import { Open311ApiKeyGuard } from './open311/open311-api-key.guard';

@Module({
  imports: [PlatformModule.forService({ service: 'intake', entities: intakeEntities, migrations: intakeMigrations })],
  controllers: [SubmitCaseHttpController, GetCaseHttpController, Open311HttpController],
  providers: [SubmitCaseHandler, CaseWriter, CaseGroupCommit, TrackingNumberAllocator, Open311ApiKeyGuard],
})
export class IntakeModule {}
