import { DeadLetterEntity } from './dead-letter.entity';
import { ParkedEventEntity } from './parked-event.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { CreateSupervisionSchema1763800000000 } from './migrations/1763800000000-create-supervision-schema';
import { RecordDeadLettersAndParkedEvents1763900000000 } from './migrations/1763900000000-record-dead-letters-and-parked-events';
import { ParkUnpublishableEvents1764400000000 } from './migrations/1764400000000-park-unpublishable-events';
import { ChainTheTimeline1765100000000 } from './migrations/1765100000000-chain-the-timeline';
import { SlaClocksAndTimers1765800000000 } from './migrations/1765800000000-sla-clocks-and-timers';
import { ClockDeadlinesEvaluationsFollowUps1766220000000 } from './migrations/1766220000000-clock-deadlines-evaluations-follow-ups';
import { CaseFiguresAndAnomalies1766230000000 } from './migrations/1766230000000-case-figures-and-anomalies';
import { EvaluationsByAssignment1766290000000 } from './migrations/1766290000000-evaluations-by-assignment';
import { KpiFactsForEveryRate1766300000000 } from './migrations/1766300000000-kpi-facts-for-every-rate';
import { OneTimerRowPerClock1766330000000 } from './migrations/1766330000000-one-timer-row-per-clock';
import { FollowUpsByAssignmentAndDue1766420000000 } from './migrations/1766420000000-follow-ups-by-assignment-and-due';

export const supervisionEntities = [TimelineEntryEntity, DeadLetterEntity, ParkedEventEntity];
export const supervisionMigrations = [
  CreateSupervisionSchema1763800000000,
  RecordDeadLettersAndParkedEvents1763900000000,
  ParkUnpublishableEvents1764400000000,
  ChainTheTimeline1765100000000,
  SlaClocksAndTimers1765800000000,
  ClockDeadlinesEvaluationsFollowUps1766220000000,
  CaseFiguresAndAnomalies1766230000000,
  EvaluationsByAssignment1766290000000,
  KpiFactsForEveryRate1766300000000,
  OneTimerRowPerClock1766330000000,
  FollowUpsByAssignmentAndDue1766420000000,
];
