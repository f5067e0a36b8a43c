import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { DeliverReplyWhenCaseIsAnswered } from './deliver-reply/deliver-reply-when-case-is-answered.events.controller';
import { DeliverReplyWhenCaseIsReplied } from './deliver-reply/deliver-reply-when-case-is-replied.events.controller';
import { DeliverReplyHandler } from './deliver-reply/deliver-reply.handler';
import { publicationEntities, publicationMigrations } from './infra/publication.database';
import { redactorProvider } from './infra/redaction/redactor.provider';
import { ListDeliveriesHttpController } from './list-deliveries/list-deliveries.http.controller';
import { RedactTextHttpController } from './redact-text/redact-text.http.controller';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'publication',
      entities: publicationEntities,
      migrations: publicationMigrations,
      // Replies go out 50 ms later at most; in return a fetch carries many more.
      consumerLingerMs: 50,
    }),
  ],
  controllers: [ListDeliveriesHttpController, RedactTextHttpController],
  providers: [redactorProvider, DeliverReplyHandler, DeliverReplyWhenCaseIsReplied, DeliverReplyWhenCaseIsAnswered],
})
export class PublicationModule {}
