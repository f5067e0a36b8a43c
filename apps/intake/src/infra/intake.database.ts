import { parkedOutboxMigration } from '@ugov/messaging';
import { CaseEntity } from './case.entity';
import { CreateIntakeSchema1763800000000 } from './migrations/1763800000000-create-intake-schema';
import { TrackingNumberBlocks1763800000001 } from './migrations/1763800000001-tracking-number-blocks';

export const intakeEntities = [CaseEntity];
export const intakeMigrations = [CreateIntakeSchema1763800000000, TrackingNumberBlocks1763800000001, parkedOutboxMigration('intake')];
