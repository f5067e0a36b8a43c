import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { AnchorAuditChainPeriodically } from './anchor-audit-chain/anchor-audit-chain.job';
import { FireSlaTimersPeriodically } from './fire-sla-timers/fire-sla-timers.job';
import { RecordSlaDefinitionsInForce, slaDefinitionsProvider } from './infra/sla-definitions.provider';
import { UpdateSlaClocksHandler } from './update-sla-clocks/update-sla-clocks.handler';
import { ListClocksHttpController } from './list-clocks/list-clocks.http.controller';
import { ListWarningsHttpController } from './list-warnings/list-warnings.http.controller';
import { ComputeDueDateHttpController } from './compute-due-date/compute-due-date.http.controller';
import { GetTimelineHttpController } from './get-timeline/get-timeline.http.controller';
import { ServeDashboardHttpController } from './serve-dashboard/serve-dashboard.http.controller';
import { BackboneFaultMetrics } from './infra/backbone-fault.metrics';
import { DeadLetterRepository } from './infra/dead-letter.repository';
import { ParkedEventRepository } from './infra/parked-event.repository';
import { workingCalendarProvider } from './infra/working-calendar.provider';
import { supervisionEntities, supervisionMigrations } from './infra/supervision.database';
import { ListDeadLettersHttpController } from './list-dead-letters/list-dead-letters.http.controller';
import { ListParkedEventsHttpController } from './list-parked-events/list-parked-events.http.controller';
import { RecordDeadLettersWhenMessagesAreDeadLettered } from './record-dead-letters/record-dead-letters-when-messages-are-dead-lettered.events.controller';
import { RecordParkedEventHandler } from './record-parked-event/record-parked-event.handler';
import { RecordParkedEventWhenAnEventIsParked } from './record-parked-event/record-parked-event-when-an-event-is-parked.events.controller';
import { RecordTimelineEntryHandler } from './record-timeline/record-timeline-entry.handler';
import { RecordTimelineWhenAnythingHappens } from './record-timeline/record-timeline-when-anything-happens.events.controller';
import { VerifyAuditChainHttpController } from './verify-audit-chain/verify-audit-chain.http.controller';
import { RecordEvaluationsAndFollowUpsHandler } from './record-evaluation/record-evaluations-and-follow-ups.handler';
import { ListEvaluationsHttpController } from './list-evaluations/list-evaluations.http.controller';
import { ListFollowUpsHttpController } from './list-follow-ups/list-follow-ups.http.controller';
import { RecordFollowUpHttpController } from './record-follow-up/record-follow-up.http.controller';
import { RecordFollowUpHandler } from './record-follow-up/record-follow-up.handler';
import { AnomalyRecorder } from './detect-anomalies/anomaly-recorder';
import { DetectAnomaliesPeriodically } from './detect-anomalies/detect-anomalies.job';
import { RecordCaseFiguresHandler } from './record-case-figures/record-case-figures.handler';
import { ListAnomaliesHttpController } from './list-anomalies/list-anomalies.http.controller';
import { ComputeKpisHttpController } from './compute-kpis/compute-kpis.http.controller';
import { ExportCasesHttpController } from './export-cases/export-cases.http.controller';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'supervision',
      entities: supervisionEntities,
      migrations: supervisionMigrations,
      // Supervision watches: a hop on the timeline 250 ms later is as good as now, and a fetch then carries many more.
      consumerLingerMs: 250,
    }),
  ],
  controllers: [
    ServeDashboardHttpController,
    ComputeDueDateHttpController,
    GetTimelineHttpController,
    ListDeadLettersHttpController,
    ListParkedEventsHttpController,
    VerifyAuditChainHttpController,
    ListClocksHttpController,
    ListWarningsHttpController,
    ListEvaluationsHttpController,
    ListFollowUpsHttpController,
    RecordFollowUpHttpController,
    ListAnomaliesHttpController,
    ComputeKpisHttpController,
    ExportCasesHttpController,
  ],
  providers: [
    RecordTimelineEntryHandler,
    RecordTimelineWhenAnythingHappens,
    DeadLetterRepository,
    RecordDeadLettersWhenMessagesAreDeadLettered,
    ParkedEventRepository,
    RecordParkedEventHandler,
    RecordParkedEventWhenAnEventIsParked,
    BackboneFaultMetrics,
    workingCalendarProvider,
    AnchorAuditChainPeriodically,
    slaDefinitionsProvider,
    RecordSlaDefinitionsInForce,
    UpdateSlaClocksHandler,
    FireSlaTimersPeriodically,
    RecordEvaluationsAndFollowUpsHandler,
    RecordFollowUpHandler,
    AnomalyRecorder,
    RecordCaseFiguresHandler,
    DetectAnomaliesPeriodically,
  ],
})
export class SupervisionModule {}
