import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { DeliverReplyWhenCaseIsReplied } from './deliver-reply/deliver-reply-when-case-is-replied.events.controller';
import { DeliverReplyHandler } from './deliver-reply/deliver-reply.handler';
import { publicationEntities, publicationMigrations } from './infra/publication.database';
import { ListDeliveriesHttpController } from './list-deliveries/list-deliveries.http.controller';

@Module({
  imports: [PlatformModule.forService({ service: 'publication', entities: publicationEntities, migrations: publicationMigrations })],
  controllers: [ListDeliveriesHttpController],
  providers: [DeliverReplyHandler, DeliverReplyWhenCaseIsReplied],
})
export class PublicationModule {}
