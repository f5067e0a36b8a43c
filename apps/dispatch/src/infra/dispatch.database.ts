import { DispatchAssignmentEntity } from './dispatch-assignment.entity';
import { DispatchDecisionEntity } from './dispatch-decision.entity';
import { LabelledExampleEntity } from './labelled-example.entity';
import { TriageCaseEntity } from './triage-case.entity';
import { CreateDispatchSchema1763800000000 } from './migrations/1763800000000-create-dispatch-schema';
import { RecordDeadLetterReplays1763900000000 } from './migrations/1763900000000-record-dead-letter-replays';
import { ParkUnpublishableEvents1764400000000 } from './migrations/1764400000000-park-unpublishable-events';
import { TriageQueueAndLabelledExamples1765200000000 } from './migrations/1765200000000-triage-queue-and-labelled-examples';
import { VersionTheDispatchCatalog1765300000000 } from './migrations/1765300000000-version-the-dispatch-catalog';
import { RecordReturnsAndArbitrations1765900000000 } from './migrations/1765900000000-record-returns-and-arbitrations';
import { LinkRepeatedRequests1765900000001 } from './migrations/1765900000001-link-repeated-requests';
import { RecordInstantAnswers1765900000002 } from './migrations/1765900000002-record-instant-answers';
import { PublishCatalogVersions1766410000000 } from './migrations/1766410000000-publish-catalog-versions';

export const dispatchEntities = [DispatchDecisionEntity, DispatchAssignmentEntity, TriageCaseEntity, LabelledExampleEntity];
export const dispatchMigrations = [
  CreateDispatchSchema1763800000000,
  RecordDeadLetterReplays1763900000000,
  ParkUnpublishableEvents1764400000000,
  TriageQueueAndLabelledExamples1765200000000,
  VersionTheDispatchCatalog1765300000000,
  RecordReturnsAndArbitrations1765900000000,
  LinkRepeatedRequests1765900000001,
  RecordInstantAnswers1765900000002,
  PublishCatalogVersions1766410000000,
];
