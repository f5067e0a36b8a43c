import { parkedOutboxMigration } from '@ugov/messaging';
import { DispatchDecisionEntity } from './dispatch-decision.entity';
import { CreateDispatchSchema1763800000000 } from './migrations/1763800000000-create-dispatch-schema';

export const dispatchEntities = [DispatchDecisionEntity];
export const dispatchMigrations = [CreateDispatchSchema1763800000000, parkedOutboxMigration('dispatch')];
