import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { channelName, Events, timestampDate } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { PUBLIC_MESSAGE_CHANNELS } from '../domain/site-census/site-columns';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../infra/delivery-channels/delivery.config';

/**
 * Keeps the requester's contact as intake sealed it for publication (still sealed) until the reply is delivered
 * and a little after, or its retention ends; the delivery sender deletes it then. Also records whether the requester
 * asked for confidentiality (保密), without which no reply of the case is ever made public, and, for a message the public
 * left on the site (网上留言), when it came, for the census (普查) of messages left unanswered; and the case's category and
 * region, which the public search filters its published replies by.
 */
@Injectable()
export class KeepContactWhenCaseIsSubmitted implements OnModuleInit {
  constructor(
    private readonly consumer: InboxConsumer,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
  ) {}

  onModuleInit(): void {
    this.consumer.on(Events.caseSubmitted, async ({ body }, transaction) => {
      await transaction.query(
        `INSERT INTO publication.case_confidentiality (case_id, confidential) VALUES ($1, $2) ON CONFLICT (case_id) DO NOTHING`,
        [body.caseId, body.confidential],
      );
      // The domain and region the public search filters the case's published replies by.
      await transaction.query(
        `INSERT INTO publication.case_topics (case_id, category_code, region_code) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING`,
        [body.caseId, body.categoryCode || null, body.location?.regionCode || null],
      );
      const channel = channelName(body.channel);
      if (PUBLIC_MESSAGE_CHANNELS.includes(channel))
        await transaction.query(
          `INSERT INTO publication.public_messages (case_id, channel, submitted_at) VALUES ($1, $2, $3)
           ON CONFLICT (case_id) DO UPDATE SET submitted_at = EXCLUDED.submitted_at`,
          [body.caseId, channel, body.submittedAt ? timestampDate(body.submittedAt) : new Date()],
        );
      if (!body.sealedContact) return;
      await transaction.query(
        `INSERT INTO publication.requester_contacts (case_id, sealed_contact, expires_at)
         VALUES ($1, $2, now() + make_interval(days => $3)) ON CONFLICT (case_id) DO NOTHING`,
        [body.caseId, body.sealedContact, this.config.contactRetentionDays],
      );
    });
  }
}
