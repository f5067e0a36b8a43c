import { parkedOutboxMigration } from '@ugov/messaging';
import { AssignmentEntity } from './assignment.entity';
import { CreateProcessingSchema1763800000000 } from './migrations/1763800000000-create-processing-schema';

export const processingEntities = [AssignmentEntity];
export const processingMigrations = [CreateProcessingSchema1763800000000, parkedOutboxMigration('processing')];
