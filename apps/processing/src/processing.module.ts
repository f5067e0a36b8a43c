import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { ListWebhookDeliveriesHttpController } from './deliver-webhooks/list-webhook-deliveries.http.controller';
import { WebhookDeliveries } from './deliver-webhooks/webhook-deliveries';
import { WebhookSender } from './deliver-webhooks/webhook-sender';
import { AcknowledgeNoticesHandler } from './acknowledge-notice/acknowledge-notice.handler';
import { AcknowledgeNoticesHttpController } from './acknowledge-notice/acknowledge-notice.http.controller';
import { AddCoHandlerHandler } from './add-co-handler/add-co-handler.handler';
import { AddCoHandlerHttpController } from './add-co-handler/add-co-handler.http.controller';
import { ConsultThirdPartyHandler } from './consult-third-party/consult-third-party.handler';
import { ConsultThirdPartyHttpController } from './consult-third-party/consult-third-party.http.controller';
import { DecideExtensionHandler } from './decide-extension/decide-extension.handler';
import { DecideExtensionHttpController } from './decide-extension/decide-extension.http.controller';
import { EndConsultationHandler } from './end-consultation/end-consultation.handler';
import { EndConsultationHttpController } from './end-consultation/end-consultation.http.controller';
import { IssueNoticeHandler } from './issue-notice/issue-notice.handler';
import { IssueNoticeHttpController } from './issue-notice/issue-notice.http.controller';
import { OrderRedoHandler } from './order-redo/order-redo.handler';
import { OrderRedoHttpController } from './order-redo/order-redo.http.controller';
import { RecordClarificationHandler } from './record-clarification/record-clarification.handler';
import { RecordClarificationHttpController } from './record-clarification/record-clarification.http.controller';
import { ReleaseCoHandlerHandler } from './release-co-handler/release-co-handler.handler';
import { ReleaseCoHandlerHttpController } from './release-co-handler/release-co-handler.http.controller';
import { ReplyToAssignmentHandler } from './reply-to-assignment/reply-to-assignment.handler';
import { ReplyToAssignmentHttpController } from './reply-to-assignment/reply-to-assignment.http.controller';
import { RequestClarificationHandler } from './request-clarification/request-clarification.handler';
import { RequestClarificationHttpController } from './request-clarification/request-clarification.http.controller';
import { RequestExtensionHandler } from './request-extension/request-extension.handler';
import { RequestExtensionHttpController } from './request-extension/request-extension.http.controller';
import { ReturnAssignmentHandler } from './return-assignment/return-assignment.handler';
import { ReturnAssignmentHttpController } from './return-assignment/return-assignment.http.controller';
import { SignAssignmentHandler } from './sign-assignment/sign-assignment.handler';
import { SignAssignmentHttpController } from './sign-assignment/sign-assignment.http.controller';
import { StartHandlingHandler } from './start-handling/start-handling.handler';
import { StartHandlingHttpController } from './start-handling/start-handling.http.controller';
import { SubmitPartHandler } from './submit-part/submit-part.handler';
import { SubmitPartHttpController } from './submit-part/submit-part.http.controller';
import { AssignmentTransitions } from './infra/assignment-transitions';
import { DepartmentIntegrationConfig } from './infra/department-integration.config';
import { DepartmentStreams } from './infra/department-streams';
import { processingEntities, processingMigrations } from './infra/processing.database';
import { ListAssignmentsHttpController } from './list-assignments/list-assignments.http.controller';
import { RecordAssignmentWhenCaseIsAssigned } from './record-assignment/record-assignment-when-case-is-assigned.events.controller';
import { RecordAssignmentHandler } from './record-assignment/record-assignment.handler';
import { ResumeExpiredClarifications } from './resume-expired-clarifications/resume-expired-clarifications';
import { ShowAssignmentHttpController } from './show-assignment/show-assignment.http.controller';
import { DepartmentCommandHandler } from './take-department-commands/department-command.handler';
import { TakeDepartmentCommands } from './take-department-commands/take-department-commands.events.controller';
import { ApplyRequesterActions } from './take-requester-actions/apply-requester-actions';
import { QueueRequesterActionsWhenRequesterActs } from './take-requester-actions/queue-requester-actions-when-requester-acts.events.controller';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'processing',
      entities: processingEntities,
      migrations: processingMigrations,
      // A department sees new work 250 ms later at most; in return a fetch carries many more assignments.
      consumerLingerMs: 250,
    }),
  ],
  // In this order in the OpenAPI document: a return (before sign-off) comes before the sign.
  controllers: [
    ListAssignmentsHttpController,
    ShowAssignmentHttpController,
    ListWebhookDeliveriesHttpController,
    ReturnAssignmentHttpController,
    SignAssignmentHttpController,
    StartHandlingHttpController,
    ReplyToAssignmentHttpController,
    RequestExtensionHttpController,
    DecideExtensionHttpController,
    RequestClarificationHttpController,
    RecordClarificationHttpController,
    ConsultThirdPartyHttpController,
    EndConsultationHttpController,
    OrderRedoHttpController,
    AddCoHandlerHttpController,
    SubmitPartHttpController,
    ReleaseCoHandlerHttpController,
    IssueNoticeHttpController,
    AcknowledgeNoticesHttpController,
  ],
  providers: [
    { provide: DepartmentIntegrationConfig, useFactory: () => DepartmentIntegrationConfig.fromEnv() },
    DepartmentStreams,
    WebhookDeliveries,
    WebhookSender,
    ResumeExpiredClarifications,
    AssignmentTransitions,
    RecordAssignmentHandler,
    RecordAssignmentWhenCaseIsAssigned,
    DepartmentCommandHandler,
    TakeDepartmentCommands,
    SignAssignmentHandler,
    ReturnAssignmentHandler,
    StartHandlingHandler,
    ReplyToAssignmentHandler,
    RequestExtensionHandler,
    DecideExtensionHandler,
    RequestClarificationHandler,
    RecordClarificationHandler,
    ConsultThirdPartyHandler,
    EndConsultationHandler,
    OrderRedoHandler,
    AddCoHandlerHandler,
    SubmitPartHandler,
    ReleaseCoHandlerHandler,
    IssueNoticeHandler,
    AcknowledgeNoticesHandler,
    QueueRequesterActionsWhenRequesterActs,
    ApplyRequesterActions,
  ],
})
export class ProcessingModule {}
