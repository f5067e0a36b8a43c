import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConfigError } from '@ugov/platform';

const DEFAULT_INTERVAL_MINUTES = 60;

/** AUDIT_ANCHOR_INTERVAL_MINUTES: how often the chain's head is anchored (1 to 1440, default 60). */
export function anchorIntervalMinutes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AUDIT_ANCHOR_INTERVAL_MINUTES;
  if (raw === undefined || raw === '') return DEFAULT_INTERVAL_MINUTES;
  const minutes = Number(raw);
  if (!/^\d+$/.test(raw) || minutes < 1 || minutes > 1440)
    throw new ConfigError(`AUDIT_ANCHOR_INTERVAL_MINUTES: must be a whole number of minutes from 1 to 1440, got "${raw}"`);
  return minutes;
}

/**
 * Records the audit chain's head as an anchor every AUDIT_ANCHOR_INTERVAL_MINUTES and logs it. Verification
 * checks every recorded anchor; the logged line, kept outside the database (log archive, a newspaper, a
 * timestamping service), is what proves a rewritten database wrong: pass it to `npm run audit:verify -- --anchor`.
 * With several replicas each may anchor the same head; it is recorded once.
 */
@Injectable()
export class AnchorAuditChainPeriodically implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditAnchor');
  private readonly intervalMs = anchorIntervalMinutes() * 60 * 1000;
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.anchor().catch((error: Error) => this.logger.warn(`could not anchor the audit chain: ${error.message}`)),
      this.intervalMs,
    );
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Records the head as an anchor (once per head) and logs it. */
  async anchor(): Promise<void> {
    const [head]: { seq: string; entry_hash: Buffer }[] = await this.dataSource.query(
      `INSERT INTO supervision.audit_anchors (seq, entry_hash) SELECT seq, entry_hash FROM supervision.audit_chain_head WHERE seq > 0
       ON CONFLICT (seq) DO NOTHING RETURNING seq, entry_hash`,
    );
    if (head)
      this.logger.log({
        msg: `audit chain anchor: entry ${head.seq}, sha256 ${head.entry_hash.toString('hex')}`,
        anchor: `${head.seq}:${head.entry_hash.toString('hex')}`,
      });
  }
}
