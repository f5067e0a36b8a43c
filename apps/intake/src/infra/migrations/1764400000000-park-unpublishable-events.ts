import { parkedOutboxMigration } from '@ugov/messaging';

export class ParkUnpublishableEvents1764400000000 extends parkedOutboxMigration('intake') {}
