import { parkedOutboxMigration } from '@ugov/messaging';
import { DeliveryEntity } from './delivery.entity';
import { CreatePublicationSchema1763800000000 } from './migrations/1763800000000-create-publication-schema';

export const publicationEntities = [DeliveryEntity];
export const publicationMigrations = [CreatePublicationSchema1763800000000, parkedOutboxMigration('publication')];
