import { Module } from '@nestjs/common';
import { addTranslations, loadContactKeys, PlatformModule, RequesterContactSeal } from '@ugov/platform';
import { AddCensorRuleHandler } from './add-censor-rule/add-censor-rule.handler';
import { AddCensorRuleHttpController } from './add-censor-rule/add-censor-rule.http.controller';
import { DeliverReplyWhenCaseIsAnswered } from './deliver-reply/deliver-reply-when-case-is-answered.events.controller';
import { DeliverReplyWhenCaseIsReplied } from './deliver-reply/deliver-reply-when-case-is-replied.events.controller';
import { DeliverReplyHandler } from './deliver-reply/deliver-reply.handler';
import { AppPushChannel } from './infra/delivery-channels/app-push.channel';
import { DELIVERY_CONFIG, loadDeliveryConfig, type DeliveryConfig } from './infra/delivery-channels/delivery.config';
import { EmailSmtpChannel } from './infra/delivery-channels/email-smtp.channel';
import { IntegratorWebhookChannel } from './infra/delivery-channels/integrator-webhook.channel';
import { Open311UpdateChannel } from './infra/delivery-channels/open311-update.channel';
import { SmsGatewayChannel } from './infra/delivery-channels/sms-gateway.channel';
import { publicationEntities, publicationMigrations } from './infra/publication.database';
import { KeepContactWhenCaseIsSubmitted } from './keep-contact/keep-contact-when-case-is-submitted.events.controller';
import { DELIVERY_CHANNELS } from './send-deliveries/delivery-channel.port';
import { DeliverySender } from './send-deliveries/delivery-sender';
import { redactorProvider } from './infra/redaction/redactor.provider';
import { ListDeliveriesHttpController } from './list-deliveries/list-deliveries.http.controller';
import { ListReplyReviewsHttpController } from './list-reply-reviews/list-reply-reviews.http.controller';
import { RedactTextHttpController } from './redact-text/redact-text.http.controller';
import { QueueReplyForReviewHandler } from './review-reply/queue-reply-for-review.handler';
import { DecideReplyReviewHandler } from './decide-reply-review/decide-reply-review.handler';
import { DecideReplyReviewHttpController } from './decide-reply-review/decide-reply-review.http.controller';
import { SearchPublicRepliesHttpController } from './search-public-replies/search-public-replies.http.controller';
import { PUBLIC_API_TEXTS } from './domain/public-api-texts';
import { ReadDisclosureCatalogQuery } from './read-disclosure-catalog/read-disclosure-catalog.query';
import { SearchPublicSiteHttpController } from './search-public-site/search-public-site.http.controller';
import { ReadServiceGuidesHttpController } from './read-service-guides/read-service-guides.http.controller';
import { ReadDisclosureCatalogHttpController } from './read-disclosure-catalog/read-disclosure-catalog.http.controller';
import { ChannelHealthChecker } from './check-channel-health/channel-health-checker';
import { ChannelHealthHttpController } from './check-channel-health/channel-health.http.controller';

import { SubmitInformationHandler } from './submit-information/submit-information.handler';
import { SubmitInformationHttpController } from './submit-information/submit-information.http.controller';
import { DecideInformationReviewHandler } from './decide-information-review/decide-information-review.handler';
import { DecideInformationReviewHttpController } from './decide-information-review/decide-information-review.http.controller';
import { ReadPublicInformationHttpController } from './read-public-information/read-public-information.http.controller';
import { SiteCensusHttpController } from './check-site-census/site-census.http.controller';
@Module({
  imports: [
    PlatformModule.forService({
      service: 'publication',
      entities: publicationEntities,
      migrations: publicationMigrations,
      // Replies go out 250 ms later at most; in return a fetch carries many more.
      consumerLingerMs: 250,
    }),
  ],
  controllers: [
    SubmitInformationHttpController,
    DecideInformationReviewHttpController,
    ReadPublicInformationHttpController,
    SiteCensusHttpController,
    DecideReplyReviewHttpController,
    SearchPublicRepliesHttpController,
    SearchPublicSiteHttpController,
    ListDeliveriesHttpController,
    RedactTextHttpController,
    ListReplyReviewsHttpController,
    AddCensorRuleHttpController,
    ReadServiceGuidesHttpController,
    ReadDisclosureCatalogHttpController,
    ChannelHealthHttpController,
  ],
  providers: [
    SubmitInformationHandler,
    DecideInformationReviewHandler,
    redactorProvider,
    AddCensorRuleHandler,
    QueueReplyForReviewHandler,
    DecideReplyReviewHandler,
    // Checked at start-up: publication does not start without the contact key or with a wrong delivery setting.
    { provide: RequesterContactSeal, useFactory: () => new RequesterContactSeal(loadContactKeys()) },
    { provide: DELIVERY_CONFIG, useFactory: () => loadDeliveryConfig() },
    {
      provide: DELIVERY_CHANNELS,
      inject: [DELIVERY_CONFIG],
      useFactory: (config: DeliveryConfig) => [
        new SmsGatewayChannel(config.smsGateway),
        new EmailSmtpChannel(config.smtp),
        new IntegratorWebhookChannel(config.webhookSecrets, config.webhookHealthUrl),
        new AppPushChannel(config.push),
        new Open311UpdateChannel(),
      ],
    },
    KeepContactWhenCaseIsSubmitted,
    DeliverReplyHandler,
    DeliverReplyWhenCaseIsReplied,
    DeliverReplyWhenCaseIsAnswered,
    DeliverySender,
    ChannelHealthChecker,
    ReadDisclosureCatalogQuery,
  ],
})
export class PublicationModule {
  constructor() {
    // The problems of the public routes, in the five languages.
    addTranslations(PUBLIC_API_TEXTS);
  }
}
