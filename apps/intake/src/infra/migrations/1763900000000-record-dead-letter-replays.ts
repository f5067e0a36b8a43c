import { deadLetterReplaysMigration } from '@ugov/messaging';

export class RecordDeadLetterReplays1763900000000 extends deadLetterReplaysMigration('intake') {}
