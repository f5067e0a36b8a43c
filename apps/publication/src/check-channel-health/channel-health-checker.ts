import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolOf } from '@ugov/persistence';
import { PollLoop } from '@ugov/platform';
import { DELIVERY_METHODS, type DeliveryMethod } from '../domain/delivery/delivery-method';
import { DELIVERY_CONFIG, type DeliveryConfig } from '../infra/delivery-channels/delivery.config';
import { DELIVERY_CHANNELS, type ChannelProbe, type DeliveryChannel } from '../send-deliveries/delivery-channel.port';

export type ChannelStatus = 'up' | 'down' | 'not-configured' | 'unknown';

export interface ChannelHealth {
  readonly method: DeliveryMethod;
  readonly status: ChannelStatus;
  /** What the provider answered on the last probe, or why it failed. */
  readonly detail: string | null;
  readonly checkedAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly lastFailureAt: Date | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
  /** Deliveries of this channel waiting to be sent (due or backing off), and those that ended dead. */
  readonly queue: { readonly pending: number; readonly dead: number };
}

const PROBE_TIMEOUT_MS = 15_000;

/**
 * Probes every delivery channel's provider (SMTP EHLO, the gateways' health URLs …) every CHANNEL_HEALTH_CHECK_MS and
 * on demand, and records each outcome in publication.channel_health: the last success and failure and the failures
 * in a row, so that every replica reports the same. A probe never sends a message. Publication's own /health stays
 * about its database and Kafka: a provider being down does not make publication unready (deliveries wait and retry).
 */
@Injectable()
export class ChannelHealthChecker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChannelHealthChecker.name);
  private readonly loop: PollLoop;
  private readonly channels: readonly DeliveryChannel[];
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DELIVERY_CONFIG) config: DeliveryConfig,
    @Inject(DELIVERY_CHANNELS) channels: DeliveryChannel[],
  ) {
    this.channels = channels;
    this.loop = new PollLoop(
      config.healthCheckMs,
      () => this.checkAll(),
      (error) => this.logger.warn(`channel health round failed: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
    await this.inFlight;
  }

  /** Probes every channel once; a call while a round runs waits for that round instead of starting another. */
  checkAll(): Promise<void> {
    this.inFlight ??= Promise.all(this.channels.map((channel) => this.check(channel)))
      .then(() => undefined)
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async check(channel: DeliveryChannel): Promise<void> {
    let outcome: { ok: true; probe: ChannelProbe } | { ok: false; error: string };
    try {
      outcome = { ok: true, probe: await withTimeout(channel.probe(), PROBE_TIMEOUT_MS) };
    } catch (failure) {
      outcome = { ok: false, error: (failure as Error).message.slice(0, 500) };
    }
    const pool = poolOf(this.dataSource);
    if (outcome.ok && !outcome.probe.configured) {
      await pool.query(
        `INSERT INTO publication.channel_health (method, status, detail, checked_at) VALUES ($1, 'not-configured', NULL, now())
         ON CONFLICT (method) DO UPDATE SET status = 'not-configured', detail = NULL, checked_at = now()`,
        [channel.method],
      );
    } else if (outcome.ok) {
      await pool.query(
        `INSERT INTO publication.channel_health (method, status, detail, checked_at, last_success_at, consecutive_failures)
         VALUES ($1, 'up', $2, now(), now(), 0)
         ON CONFLICT (method) DO UPDATE SET status = 'up', detail = $2, checked_at = now(), last_success_at = now(), consecutive_failures = 0`,
        [channel.method, outcome.probe.configured ? outcome.probe.detail.slice(0, 500) : null],
      );
    } else {
      const [row] = (
        await pool.query<{ consecutive_failures: number }>(
          `INSERT INTO publication.channel_health (method, status, detail, checked_at, last_failure_at, last_error, consecutive_failures)
           VALUES ($1, 'down', $2, now(), now(), $2, 1)
           ON CONFLICT (method) DO UPDATE SET status = 'down', detail = $2, checked_at = now(), last_failure_at = now(), last_error = $2,
             consecutive_failures = publication.channel_health.consecutive_failures + 1
           RETURNING consecutive_failures`,
          [channel.method, outcome.error],
        )
      ).rows;
      if (row?.consecutive_failures === 1) this.logger.warn(`delivery channel ${channel.method} is down: ${outcome.error}`);
    }
  }

  /** Every channel's last probe and its delivery queue, in the order of DELIVERY_METHODS. */
  async report(): Promise<ChannelHealth[]> {
    const pool = poolOf(this.dataSource);
    const [{ rows: health }, { rows: queues }] = await Promise.all([
      pool.query<{
        method: string;
        status: ChannelStatus;
        detail: string | null;
        checked_at: Date;
        last_success_at: Date | null;
        last_failure_at: Date | null;
        last_error: string | null;
        consecutive_failures: number;
      }>(`SELECT * FROM publication.channel_health`),
      pool.query<{ method: string; pending: number; dead: number }>(
        `SELECT method, count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'dead')::int AS dead
           FROM publication.deliveries WHERE status <> 'delivered' GROUP BY method`,
      ),
    ]);
    const configured = new Set(this.channels.map((channel) => channel.method));
    return DELIVERY_METHODS.filter((method) => configured.has(method)).map((method) => {
      const row = health.find((entry) => entry.method === method);
      const queue = queues.find((entry) => entry.method === method);
      return {
        method,
        status: row?.status ?? 'unknown',
        detail: row?.detail ?? null,
        checkedAt: row?.checked_at ?? null,
        lastSuccessAt: row?.last_success_at ?? null,
        lastFailureAt: row?.last_failure_at ?? null,
        lastError: row?.last_error ?? null,
        consecutiveFailures: row?.consecutive_failures ?? 0,
        queue: { pending: queue?.pending ?? 0, dead: queue?.dead ?? 0 },
      };
    });
  }

  /** Deliveries whose method is not known yet (the requester's contact has not arrived): pending, and dead. */
  async unroutedQueue(): Promise<{ pending: number; dead: number }> {
    const { rows } = await poolOf(this.dataSource).query<{ pending: number; dead: number }>(
      `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'dead')::int AS dead
         FROM publication.deliveries WHERE method = 'none' AND status <> 'delivered'`,
    );
    return rows[0];
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
