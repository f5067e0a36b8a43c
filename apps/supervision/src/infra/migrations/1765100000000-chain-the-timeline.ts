import type { MigrationInterface, QueryRunner } from 'typeorm';
import { chainAfter, GENESIS_HASH } from '../../domain/audit-chain';
import { auditedContentOf, TIMELINE_ROW_COLUMNS, type TimelineRow } from '../audited-content.row';

const BACKFILL_PAGE = 1000;

/**
 * The tamper-evident audit chain: every timeline row gets its place in the chain, the hash of the row before and
 * its own hash; one head row holds the chain's end and is locked by every append. Rows recorded before this
 * migration are chained here, oldest first (their event bytes are not known: no digest).
 */
export class ChainTheTimeline1765100000000 implements MigrationInterface {
  name = 'ChainTheTimeline1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE supervision.timeline_entries
      ADD COLUMN chain_seq bigint, ADD COLUMN event_digest bytea, ADD COLUMN previous_hash bytea, ADD COLUMN entry_hash bytea`);
    await runner.query(`CREATE TABLE supervision.audit_chain_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      seq bigint NOT NULL,
      entry_hash bytea NOT NULL
    )`);
    await runner.query(`CREATE TABLE supervision.audit_anchors (
      seq bigint PRIMARY KEY,
      entry_hash bytea NOT NULL,
      anchored_at timestamptz NOT NULL DEFAULT now()
    )`);
    let head = { seq: 0, entryHash: GENESIS_HASH };
    let after: { recordedAt: Date; eventId: string } = { recordedAt: new Date(0), eventId: '' };
    for (;;) {
      const rows: TimelineRow[] = await runner.query(
        `SELECT ${TIMELINE_ROW_COLUMNS} FROM supervision.timeline_entries
         WHERE (recorded_at, event_id) > ($1, $2) ORDER BY recorded_at, event_id LIMIT ${BACKFILL_PAGE}`,
        [after.recordedAt, after.eventId],
      );
      if (rows.length === 0) break;
      const contents = rows.map(auditedContentOf);
      const links = chainAfter(head, contents);
      await runner.query(
        `UPDATE supervision.timeline_entries AS entry SET chain_seq = link.seq, previous_hash = link.previous_hash, entry_hash = link.entry_hash
         FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::bytea[]) AS link(event_id, seq, previous_hash, entry_hash)
         WHERE entry.event_id = link.event_id`,
        [
          contents.map((content) => content.eventId),
          links.map((link) => link.seq),
          links.map((link) => link.previousHash),
          links.map((link) => link.entryHash),
        ],
      );
      head = links[links.length - 1];
      after = contents[contents.length - 1];
    }
    await runner.query(`INSERT INTO supervision.audit_chain_head (seq, entry_hash) VALUES ($1, $2)`, [head.seq, head.entryHash]);
    await runner.query(`ALTER TABLE supervision.timeline_entries
      ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN previous_hash SET NOT NULL, ALTER COLUMN entry_hash SET NOT NULL`);
    await runner.query(`CREATE UNIQUE INDEX timeline_entries_chain ON supervision.timeline_entries (chain_seq)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE supervision.audit_anchors`);
    await runner.query(`DROP TABLE supervision.audit_chain_head`);
    await runner.query(`ALTER TABLE supervision.timeline_entries
      DROP COLUMN chain_seq, DROP COLUMN event_digest, DROP COLUMN previous_hash, DROP COLUMN entry_hash`);
  }
}
