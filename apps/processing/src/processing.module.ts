import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { processingEntities, processingMigrations } from './infra/processing.database';
import { ListAssignmentsHttpController } from './list-assignments/list-assignments.http.controller';
import { RecordAssignmentWhenCaseIsAssigned } from './record-assignment/record-assignment-when-case-is-assigned.events.controller';
import { RecordAssignmentHandler } from './record-assignment/record-assignment.handler';
import { ReplyToAssignmentHandler } from './reply-to-assignment/reply-to-assignment.handler';
import { ReplyToAssignmentHttpController } from './reply-to-assignment/reply-to-assignment.http.controller';
import { SignAssignmentHandler } from './sign-assignment/sign-assignment.handler';
import { SignAssignmentHttpController } from './sign-assignment/sign-assignment.http.controller';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'processing',
      entities: processingEntities,
      migrations: processingMigrations,
      // A department sees new work 50 ms later at most; in return a fetch carries many more assignments.
      consumerLingerMs: 50,
    }),
  ],
  controllers: [ListAssignmentsHttpController, SignAssignmentHttpController, ReplyToAssignmentHttpController],
  providers: [RecordAssignmentHandler, RecordAssignmentWhenCaseIsAssigned, SignAssignmentHandler, ReplyToAssignmentHandler],
})
export class ProcessingModule {}
