import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { channelName, Events, outcomeName, timestampFromDate, type CaseReplied } from '@ugov/contracts';
import { OutboxWriter } from '@ugov/messaging';
import { insertRows, type Sql } from '@ugov/persistence';
import type { DeliveryEntity } from '../infra/delivery.entity';
import { replyNotification } from './reply-notification';

const insertDelivery = insertRows<DeliveryEntity>(
  'publication.deliveries',
  [
    { name: 'id', type: 'uuid', value: (delivery) => delivery.id },
    { name: 'case_id', type: 'uuid', value: (delivery) => delivery.caseId },
    { name: 'assignment_id', type: 'uuid', value: (delivery) => delivery.assignmentId },
    { name: 'channel', type: 'text', value: (delivery) => delivery.channel },
    { name: 'tracking_number', type: 'text', value: (delivery) => delivery.trackingNumber },
    { name: 'message', type: 'text', value: (delivery) => delivery.message },
    { name: 'status', type: 'text', value: (delivery) => delivery.status },
    { name: 'delivered_at', type: 'timestamptz', value: (delivery) => delivery.deliveredAt },
  ],
  'ON CONFLICT DO NOTHING RETURNING id',
);

/**
 * Sends the department's reply back to the requester through the case's channel and records it.
 * The walking skeleton records the delivery only; channel adapters (SMS, e-mail, app, webhook) plug in here.
 */
@Injectable()
export class DeliverReplyHandler {
  private readonly logger = new Logger(DeliverReplyHandler.name);

  constructor(private readonly outbox: OutboxWriter) {}

  async execute(replied: CaseReplied, transaction: Sql): Promise<void> {
    const deliveredAt = new Date();
    const delivery: DeliveryEntity = {
      id: randomUUID(),
      caseId: replied.caseId,
      assignmentId: replied.assignmentId,
      channel: channelName(replied.channel),
      trackingNumber: replied.trackingNumber,
      message: replyNotification(replied.trackingNumber, outcomeName(replied.outcome), replied.replyText, replied.outcomeReason),
      status: 'delivered',
      deliveredAt,
    };
    const inserted = await insertDelivery.run(transaction, [delivery]);
    if (inserted.length === 0) {
      this.logger.warn(`the reply to assignment ${replied.assignmentId} was already delivered`);
      return;
    }
    await this.outbox.append(transaction, Events.replyDelivered, replied.caseId, {
      caseId: replied.caseId,
      deliveryId: delivery.id,
      channel: replied.channel,
      deliveredAt: timestampFromDate(deliveredAt),
    });
    this.logger.log(`reply of case ${replied.caseId} delivered through ${delivery.channel}`);
  }
}
