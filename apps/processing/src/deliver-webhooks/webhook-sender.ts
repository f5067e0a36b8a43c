import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { nextAttemptDelayMs, webhookSignature } from '../domain/webhook-delivery';
import { DepartmentIntegrationConfig } from '../infra/department-integration.config';

const POLL_MS = 500;
const BATCH = 20;
/** A claimed delivery is left alone this long by other replicas: longer than one attempt can take. */
const LEASE_SECONDS = 60;
const TIMEOUT_MS = 10_000;

interface DueDelivery {
  readonly id: string;
  readonly department_code: string;
  readonly payload: unknown;
  readonly attempts: number;
}

/**
 * Sends the queued webhooks, outside any transaction that records work: due deliveries are claimed (SKIP LOCKED,
 * so replicas share them), posted signed, and marked delivered on a 2xx, or retried with back-off. A crash after
 * the post and before the mark sends the delivery again: receivers drop a delivery id they have seen.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookSender.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: DepartmentIntegrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.webhooks.size > 0) this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.sendDue()
        .catch((error: Error) => this.logger.warn(`webhook round failed: ${error.message}`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(POLL_MS);
        });
    }, delayMs);
  }

  private async sendDue(): Promise<void> {
    const due: DueDelivery[] = await this.dataSource.query(
      // As a SELECT, so that the driver answers with the rows themselves.
      `WITH claimed AS (
         UPDATE processing.webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $1)
          WHERE id IN (SELECT id FROM processing.webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
                        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, department_code, payload, attempts)
       SELECT * FROM claimed`,
      [LEASE_SECONDS, BATCH],
    );
    await Promise.all(due.map((delivery) => this.send(delivery)));
  }

  private async send(delivery: DueDelivery): Promise<void> {
    const endpoint = this.config.webhooks.get(delivery.department_code);
    let responseStatus: number | null = null;
    let error: string | null = null;
    if (!endpoint) {
      error = `no webhook endpoint is configured for ${delivery.department_code}`;
    } else {
      const body = JSON.stringify(delivery.payload);
      const timestamp = Math.floor(Date.now() / 1000);
      try {
        const response = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'ugov-webhook-id': delivery.id,
            'ugov-webhook-timestamp': String(timestamp),
            'ugov-webhook-signature': webhookSignature(endpoint.secret, delivery.id, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        responseStatus = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (!response.ok) error = `the endpoint answered ${response.status}`;
      } catch (failure) {
        error = ((failure as Error).cause as Error | undefined)?.message ?? (failure as Error).message;
      }
    }
    const attempts = delivery.attempts + 1;
    if (error === null) {
      await this.dataSource.query(
        `UPDATE processing.webhook_deliveries SET status = 'delivered', attempts = $2, last_response_status = $3, last_error = NULL, delivered_at = now()
          WHERE id = $1`,
        [delivery.id, attempts, responseStatus],
      );
      return;
    }
    const delayMs = nextAttemptDelayMs(attempts);
    this.logger.warn(`webhook ${delivery.id} to ${delivery.department_code}, attempt ${attempts}: ${error}`);
    await this.dataSource.query(
      `UPDATE processing.webhook_deliveries SET status = $2, attempts = $3, last_response_status = $4, last_error = $5,
              next_attempt_at = now() + make_interval(secs => $6) WHERE id = $1`,
      [delivery.id, delayMs === null ? 'failed' : 'pending', attempts, responseStatus, error.slice(0, 1000), (delayMs ?? 0) / 1000],
    );
  }
}
