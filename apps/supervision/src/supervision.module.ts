import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { GetTimelineHttpController } from './get-timeline/get-timeline.http.controller';
import { supervisionEntities, supervisionMigrations } from './infra/supervision.database';
import { RecordTimelineEntryHandler } from './record-timeline/record-timeline-entry.handler';
import { RecordTimelineWhenAnythingHappens } from './record-timeline/record-timeline-when-anything-happens.events.controller';

@Module({
  imports: [PlatformModule.forService({ service: 'supervision', entities: supervisionEntities, migrations: supervisionMigrations })],
  controllers: [GetTimelineHttpController],
  providers: [RecordTimelineEntryHandler, RecordTimelineWhenAnythingHappens],
})
export class SupervisionModule {}
