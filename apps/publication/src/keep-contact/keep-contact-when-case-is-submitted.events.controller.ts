import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { channelName, Events, timestampDate, type CaseSubmitted } from '@ugov/contracts';
import { InboxConsumer } from '@ugov/messaging';
import { insertRows } from '@ugov/persistence';
import { PUBLIC_MESSAGE_CHANNELS } from '../domain/site-census/site-columns';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../infra/delivery-channels/delivery.config';

/** Confidentiality, and the category and region the public search filters the case's published replies by. */
const keepSubmittedCases = insertRows<CaseSubmitted>(
  'publication.submitted_cases',
  [
    { name: 'case_id', type: 'uuid', value: (body) => body.caseId },
    { name: 'confidential', type: 'boolean', value: (body) => body.confidential },
    { name: 'category_code', type: 'text', value: (body) => body.categoryCode || null },
    { name: 'region_code', type: 'text', value: (body) => body.location?.regionCode || null },
  ],
  'ON CONFLICT (case_id) DO NOTHING',
);

const keepPublicMessages = insertRows<CaseSubmitted>(
  'publication.public_messages',
  [
    { name: 'case_id', type: 'uuid', value: (body) => body.caseId },
    { name: 'channel', type: 'text', value: (body) => channelName(body.channel) },
    { name: 'submitted_at', type: 'timestamptz', value: (body) => (body.submittedAt ? timestampDate(body.submittedAt) : new Date()) },
  ],
  'ON CONFLICT (case_id) DO UPDATE SET submitted_at = EXCLUDED.submitted_at',
);

/**
 * Keeps the requester's contact as intake sealed it for publication (still sealed) until the reply is delivered
 * and a little after, or its retention ends; the delivery sender deletes it then. Also records whether the requester
 * asked for confidentiality (保密), without which no reply of the case is ever made public, and, for a message the public
 * left on the site (网上留言), when it came, for the census (普查) of messages left unanswered; and the case's category and
 * region, which the public search filters its published replies by. A fetch's cases are written together: one
 * statement per table, not one per case and table.
 */
@Injectable()
export class KeepContactWhenCaseIsSubmitted implements OnModuleInit {
  private readonly keepContacts: ReturnType<typeof insertRows<CaseSubmitted>>;

  constructor(
    private readonly consumer: InboxConsumer,
    @Inject(DELIVERY_CONFIG) config: DeliveryConfig,
  ) {
    this.keepContacts = insertRows<CaseSubmitted>(
      'publication.requester_contacts',
      [
        { name: 'case_id', type: 'uuid', value: (body) => body.caseId },
        { name: 'sealed_contact', type: 'text', value: (body) => body.sealedContact },
        { name: 'expires_at', type: 'timestamptz', value: () => new Date(Date.now() + config.contactRetentionDays * 86_400_000) },
      ],
      'ON CONFLICT (case_id) DO NOTHING',
    );
  }

  onModuleInit(): void {
    this.consumer.onBatch(Events.caseSubmitted, async (events, transaction) => {
      // One row per case (a redelivered event must not make a statement touch a row twice).
      const bodies = [...new Map(events.map(({ body }) => [body.caseId, body])).values()];
      await keepSubmittedCases.run(transaction, bodies);
      const publicMessages = bodies.filter((body) => PUBLIC_MESSAGE_CHANNELS.includes(channelName(body.channel)));
      await keepPublicMessages.run(transaction, publicMessages);
      const sealed = bodies.filter((body) => body.sealedContact);
      await this.keepContacts.run(transaction, sealed);
    });
  }
}
