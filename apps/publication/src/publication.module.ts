import { Module } from '@nestjs/common';
import { PlatformModule } from '@ugov/platform';
import { AddCensorRuleHandler } from './add-censor-rule/add-censor-rule.handler';
import { AddCensorRuleHttpController } from './add-censor-rule/add-censor-rule.http.controller';
import { DeliverReplyWhenCaseIsReplied } from './deliver-reply/deliver-reply-when-case-is-replied.events.controller';
import { DeliverReplyHandler } from './deliver-reply/deliver-reply.handler';
import { publicationEntities, publicationMigrations } from './infra/publication.database';
import { redactorProvider } from './infra/redaction/redactor.provider';
import { ListDeliveriesHttpController } from './list-deliveries/list-deliveries.http.controller';
import { ListReplyReviewsHttpController } from './list-reply-reviews/list-reply-reviews.http.controller';
import { RedactTextHttpController } from './redact-text/redact-text.http.controller';
import { QueueReplyForReviewHandler } from './review-reply/queue-reply-for-review.handler';

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
  controllers: [ListDeliveriesHttpController, RedactTextHttpController, ListReplyReviewsHttpController, AddCensorRuleHttpController],
  providers: [redactorProvider, AddCensorRuleHandler, DeliverReplyHandler, QueueReplyForReviewHandler, DeliverReplyWhenCaseIsReplied],
})
export class PublicationModule {}
