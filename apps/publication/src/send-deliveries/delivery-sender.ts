import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CHANNELS, Events, timestampFromDate, type ChannelName } from '@ugov/contracts';
import { nextAttemptDelayMs } from '@ugov/domain';
import { OutboxWriter } from '@ugov/messaging';
import { runInTraceContext, type TraceContext } from '@ugov/observability';
import { poolOf, runInTransaction } from '@ugov/persistence';
import { PollLoop, RequesterContactSeal, type RequesterContact } from '@ugov/platform';
import { deliveryMethodFor, type DeliveryMethod } from '../domain/delivery/delivery-method';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../infra/delivery-channels/delivery.config';
import { DELIVERY_CHANNELS, type DeliveryChannel } from './delivery-channel.port';

const BATCH = 20;
/** A claimed delivery is left alone this long by other senders: longer than one attempt can take (10 s timeouts). */
const LEASE_SECONDS = 60;

interface ClaimedDelivery {
  readonly id: string;
  readonly case_id: string;
  readonly channel: ChannelName;
  readonly method: DeliveryMethod | 'none';
  readonly language: string;
  readonly tracking_number: string;
  readonly subject: string;
  readonly message: string;
  readonly attempts: number;
  readonly trace_context: TraceContext | null;
}

/**
 * Sends pending deliveries, outside the transaction that recorded them: a round claims the due ones (FOR UPDATE SKIP
 * LOCKED, and a lease so that one sender holds each), opens the requester's contact, sends through the adapter,
 * and records the receipt, or the error and the next attempt (exponential back-off), or `dead` after the last one
 * (with `publication.delivery-failed.v1`). A sender that dies between sending and recording leaves the lease to
 * expire; the retry carries the same idempotency key (the delivery id), so the provider drops the duplicate.
 */
@Injectable()
export class DeliverySender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(DeliverySender.name);
  private readonly channels: ReadonlyMap<DeliveryMethod, DeliveryChannel>;
  private readonly loop: PollLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly contactSeal: RequesterContactSeal,
    @Inject(DELIVERY_CONFIG) private readonly config: DeliveryConfig,
    @Inject(DELIVERY_CHANNELS) channels: DeliveryChannel[],
  ) {
    this.channels = new Map(channels.map((channel) => [channel.method, channel]));
    this.loop = new PollLoop(this.config.pollMs, () => this.round(), (error) => this.logger.warn(`delivery round failed: ${error.message}`));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
  }

  /** One round: send what is due, then forget contacts whose time is up. */
  async round(): Promise<void> {
    const { rows: claimed } = await poolOf(this.dataSource).query<ClaimedDelivery>(
      `UPDATE publication.deliveries SET lease_until = now() + make_interval(secs => $1), attempts = attempts + 1
        WHERE id IN (SELECT id FROM publication.deliveries
                      WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, case_id, channel, method, language, tracking_number, subject, message, attempts, trace_context`,
      [LEASE_SECONDS, BATCH],
    );
    await Promise.all(
      claimed.map((delivery) =>
        delivery.trace_context ? runInTraceContext(delivery.trace_context, () => this.attempt(delivery)) : this.attempt(delivery),
      ),
    );
    await poolOf(this.dataSource).query(`DELETE FROM publication.requester_contacts WHERE expires_at < now()`);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    let method: DeliveryMethod | 'none' = delivery.method;
    try {
      const contact = await this.contactOf(delivery.case_id);
      if (method === 'none') method = deliveryMethodFor(delivery.channel, contact) ?? 'none';
      const channel = method === 'none' ? undefined : this.channels.get(method);
      if (!channel) throw new Error(`the requester cannot be reached through the ${delivery.channel} channel`);
      const receipt = await channel.send(
        {
          deliveryId: delivery.id,
          caseId: delivery.case_id,
          trackingNumber: delivery.tracking_number,
          language: delivery.language,
          subject: delivery.subject,
          text: delivery.message,
        },
        contact,
      );
      await this.recordDelivered(delivery, method, receipt);
    } catch (failure) {
      await this.recordFailure(delivery, method, (failure as Error).message);
    }
  }

  private async contactOf(caseId: string): Promise<RequesterContact> {
    const [stored] = (await this.dataSource.query(`SELECT sealed_contact FROM publication.requester_contacts WHERE case_id = $1`, [caseId])) as {
      sealed_contact: string;
    }[];
    // An Open311 update needs no contact; every other method fails on the missing field and is retried.
    return stored ? this.contactSeal.open(stored.sealed_contact, caseId) : { language: 'zh-Hans' };
  }

  private async recordDelivered(delivery: ClaimedDelivery, method: DeliveryMethod | 'none', receipt: string): Promise<void> {
    await runInTransaction(poolOf(this.dataSource), async (transaction) => {
      const [row] = (await transaction.query(
        `UPDATE publication.deliveries SET status = 'delivered', method = $2, receipt = $3, last_error = NULL, lease_until = NULL,
                delivered_at = now() WHERE id = $1 AND status = 'pending' RETURNING delivered_at`,
        [delivery.id, method, receipt.slice(0, 1000)],
      )) as { delivered_at: Date }[];
      if (!row) return;
      await transaction.query(
        `UPDATE publication.requester_contacts SET expires_at = LEAST(expires_at, now() + make_interval(days => $2)) WHERE case_id = $1`,
        [delivery.case_id, this.config.contactAfterDeliveryDays],
      );
      await this.outbox.append(transaction, Events.replyDelivered, delivery.case_id, {
        caseId: delivery.case_id,
        deliveryId: delivery.id,
        channel: CHANNELS[delivery.channel],
        deliveredAt: timestampFromDate(row.delivered_at),
      });
    });
    this.logger.log(`delivery ${delivery.id} of case ${delivery.case_id} sent by ${method} (attempt ${delivery.attempts})`);
  }

  private async recordFailure(delivery: ClaimedDelivery, method: DeliveryMethod | 'none', error: string): Promise<void> {
    const delayMs = nextAttemptDelayMs(delivery.attempts, this.config.retry);
    this.logger.warn(`delivery ${delivery.id} of case ${delivery.case_id} by ${method}, attempt ${delivery.attempts}: ${error}`);
    await runInTransaction(poolOf(this.dataSource), async (transaction) => {
      if (delayMs !== null) {
        await transaction.query(
          `UPDATE publication.deliveries SET method = $2, last_error = $3, lease_until = NULL,
                  next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1 AND status = 'pending'`,
          [delivery.id, method, error.slice(0, 1000), delayMs / 1000],
        );
        return;
      }
      const [row] = (await transaction.query(
        `UPDATE publication.deliveries SET status = 'dead', method = $2, last_error = $3, lease_until = NULL, next_attempt_at = NULL
          WHERE id = $1 AND status = 'pending' RETURNING now() AS failed_at`,
        [delivery.id, method, error.slice(0, 1000)],
      )) as { failed_at: Date }[];
      if (!row) return;
      await this.outbox.append(transaction, Events.deliveryFailed, delivery.case_id, {
        caseId: delivery.case_id,
        deliveryId: delivery.id,
        channel: CHANNELS[delivery.channel],
        method,
        attempts: delivery.attempts,
        lastError: error.slice(0, 500),
        failedAt: timestampFromDate(row.failed_at),
      });
    });
  }
}
