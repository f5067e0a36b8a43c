import { parkedOutboxMigration } from '@ugov/messaging';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { CreateSupervisionSchema1763800000000 } from './migrations/1763800000000-create-supervision-schema';

export const supervisionEntities = [TimelineEntryEntity];
export const supervisionMigrations = [CreateSupervisionSchema1763800000000, parkedOutboxMigration('supervision')];
