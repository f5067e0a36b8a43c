import { AssignmentEntity } from './assignment.entity';
import { CreateProcessingSchema1763800000000 } from './migrations/1763800000000-create-processing-schema';
import { RecordDeadLetterReplays1763900000000 } from './migrations/1763900000000-record-dead-letter-replays';
import { ParkUnpublishableEvents1764400000000 } from './migrations/1764400000000-park-unpublishable-events';
import { AddDepartmentWorkflow1765700000000 } from './migrations/1765700000000-add-department-workflow';
import { RecordDepartmentCommands1765700000001 } from './migrations/1765700000001-record-department-commands';
import { CreateWebhookDeliveries1765700000002 } from './migrations/1765700000002-create-webhook-deliveries';
import { IndexClarificationWaits1765700000003 } from './migrations/1765700000003-index-clarification-waits';
import { RequesterActions1766200000001 } from './migrations/1766200000001-requester-actions';

export const processingEntities = [AssignmentEntity];
export const processingMigrations = [
  CreateProcessingSchema1763800000000,
  RecordDeadLetterReplays1763900000000,
  ParkUnpublishableEvents1764400000000,
  AddDepartmentWorkflow1765700000000,
  RecordDepartmentCommands1765700000001,
  CreateWebhookDeliveries1765700000002,
  IndexClarificationWaits1765700000003,
  RequesterActions1766200000001,
];
