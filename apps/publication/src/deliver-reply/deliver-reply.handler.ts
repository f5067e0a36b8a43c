import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { channelName, outcomeName, timestampDate, type CaseReplied } from '@ugov/contracts';
import { currentTraceContext } from '@ugov/observability';
import { insertRows, type Sql } from '@ugov/persistence';
import { RequesterContactSeal } from '@ugov/platform';
import { deliveryMethodFor } from '../domain/delivery/delivery-method';
import { PUBLIC_MESSAGE_CHANNELS } from '../domain/site-census/site-columns';
import type { DeliveryEntity } from '../infra/delivery.entity';
import { replyNotification } from './reply-notification';

type PendingDelivery = Pick<
  DeliveryEntity,
  'id' | 'caseId' | 'assignmentId' | 'channel' | 'method' | 'language' | 'trackingNumber' | 'subject' | 'message' | 'status'
>;

const insertDelivery = insertRows<PendingDelivery>(
  'publication.deliveries',
  [
    { name: 'id', type: 'uuid', value: (delivery) => delivery.id },
    { name: 'case_id', type: 'uuid', value: (delivery) => delivery.caseId },
    { name: 'assignment_id', type: 'uuid', value: (delivery) => delivery.assignmentId },
    { name: 'channel', type: 'text', value: (delivery) => delivery.channel },
    { name: 'method', type: 'text', value: (delivery) => delivery.method },
    { name: 'language', type: 'text', value: (delivery) => delivery.language },
    { name: 'tracking_number', type: 'text', value: (delivery) => delivery.trackingNumber },
    { name: 'subject', type: 'text', value: (delivery) => delivery.subject },
    { name: 'message', type: 'text', value: (delivery) => delivery.message },
    { name: 'status', type: 'text', value: (delivery) => delivery.status },
    { name: 'next_attempt_at', type: 'timestamptz', value: () => new Date() },
    // The reply's trace, so that what the sender emits later stays in the case's correlation.
    { name: 'trace_context', type: 'jsonb', value: () => currentTraceContext() ?? null },
  ],
  'ON CONFLICT DO NOTHING RETURNING id',
);

/**
 * Takes the department's reply for the requester: records a pending delivery in the consumer's transaction, in the
 * requester's language and with the method their channel and contact call for. Nothing is sent here: the delivery
 * sender does that after the commit, so a redelivered event or a rolled-back handler never sends.
 */
@Injectable()
export class DeliverReplyHandler {
  private readonly logger = new Logger(DeliverReplyHandler.name);

  constructor(private readonly contactSeal: RequesterContactSeal) {}

  async execute(replied: CaseReplied, transaction: Sql): Promise<void> {
    const [stored] = (await transaction.query(`SELECT sealed_contact FROM publication.requester_contacts WHERE case_id = $1`, [
      replied.caseId,
    ])) as { sealed_contact: string }[];
    const contact = stored ? this.contactSeal.open(stored.sealed_contact, replied.caseId) : undefined;
    const channel = channelName(replied.channel);
    // A message the public left on the site is answered now, for the census (普查) of unanswered messages. The
    // submission may not have reached publication yet (another topic): the row is then made here, and completed by it.
    if (PUBLIC_MESSAGE_CHANNELS.includes(channel)) {
      const answeredAt = replied.repliedAt ? timestampDate(replied.repliedAt) : new Date();
      await transaction.query(
        `INSERT INTO publication.public_messages (case_id, channel, submitted_at, answered_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (case_id) DO UPDATE SET answered_at = coalesce(public_messages.answered_at, EXCLUDED.answered_at)`,
        [replied.caseId, channel, answeredAt],
      );
    }
    const language = contact?.language ?? 'zh-Hans';
    const notification = replyNotification(
      language,
      replied.trackingNumber,
      outcomeName(replied.outcome),
      replied.replyText,
      replied.outcomeReason,
    );
    const delivery: PendingDelivery = {
      id: randomUUID(),
      caseId: replied.caseId,
      assignmentId: replied.assignmentId,
      channel,
      // Without a contact yet (its event still on its way) the sender decides when it has one.
      method: (contact ? deliveryMethodFor(channel, contact) : null) ?? 'none',
      language,
      trackingNumber: replied.trackingNumber,
      subject: notification.subject,
      message: notification.text,
      status: 'pending',
    };
    const inserted = await insertDelivery.run(transaction, [delivery]);
    if (inserted.length === 0) this.logger.warn(`the reply to assignment ${replied.assignmentId} was taken already`);
  }
}
