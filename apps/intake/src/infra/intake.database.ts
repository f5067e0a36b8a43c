import { CaseEntity } from './case.entity';
import { CreateIntakeSchema1763800000000 } from './migrations/1763800000000-create-intake-schema';
import { TrackingNumberBlocks1763800000001 } from './migrations/1763800000001-tracking-number-blocks';
import { RecordDeadLetterReplays1763900000000 } from './migrations/1763900000000-record-dead-letter-replays';
import { ParkUnpublishableEvents1764400000000 } from './migrations/1764400000000-park-unpublishable-events';
import { IntegratorKeys1765000000000 } from './migrations/1765000000000-integrator-keys';
import { SealRequesterPersonalData1765050000000 } from './migrations/1765050000000-seal-requester-personal-data';
import { RequesterTracking1765050000001 } from './migrations/1765050000001-requester-tracking';
import { CaseTypesChannelsUrgency1765600000000 } from './migrations/1765600000000-case-types-channels-urgency';
import { RecordCaseUpdates1766210000000 } from './migrations/1766210000000-record-case-updates';
import { RequesterSelfService1766200000000 } from './migrations/1766200000000-requester-self-service';
import { AdminActionKeys1766400000000 } from './migrations/1766400000000-admin-action-keys';
import { RecordCatalogVersions1766410000001 } from './migrations/1766410000001-record-catalog-versions';

export const intakeEntities = [CaseEntity];
export const intakeMigrations = [
  CreateIntakeSchema1763800000000,
  TrackingNumberBlocks1763800000001,
  RecordDeadLetterReplays1763900000000,
  ParkUnpublishableEvents1764400000000,
  IntegratorKeys1765000000000,
  SealRequesterPersonalData1765050000000,
  RequesterTracking1765050000001,
  CaseTypesChannelsUrgency1765600000000,
  RequesterSelfService1766200000000,
  RecordCaseUpdates1766210000000,
  AdminActionKeys1766400000000,
  RecordCatalogVersions1766410000001,
];
