import type { DataSource } from 'typeorm';
import type { Sql } from '@ugov/persistence';
import { AuditChainWalk, GENESIS_HASH, type Anchor, type ChainBreak, type StoredEntry } from '../domain/audit-chain';
import { auditedContentOf, TIMELINE_ROW_COLUMNS, type TimelineRow } from '../infra/audited-content.row';

const PAGE = 5000;

export interface AuditVerification {
  readonly ok: boolean;
  /** Entries checked before the first break (all of them when ok). */
  readonly entriesVerified: number;
  /** The chain's head as stored: publish it, and pass it back later as an anchor. */
  readonly head: Anchor;
  readonly anchorsChecked: number;
  readonly firstBreak?: ChainBreak;
}

interface EntryRow extends TimelineRow {
  chain_seq: string;
  previous_hash: Buffer;
  entry_hash: Buffer;
}

const storedEntryOf = (row: EntryRow): StoredEntry => ({
  seq: Number(row.chain_seq),
  previousHash: row.previous_hash,
  entryHash: row.entry_hash,
  content: auditedContentOf(row),
});

/**
 * Re-verifies the whole audit chain from the stored rows, in one read-only snapshot (appends go on meanwhile and
 * are simply not seen), against the head row, the anchors recorded in the database and `externalAnchors` (head
 * hashes published earlier, which an attacker with the database cannot change).
 */
export function verifyAuditChain(dataSource: DataSource, externalAnchors: readonly Anchor[] = []): Promise<AuditVerification> {
  return dataSource.transaction('REPEATABLE READ', async (snapshot) => {
    await snapshot.query('SET TRANSACTION READ ONLY');
    return verifyIn(snapshot, externalAnchors);
  });
}

async function verifyIn(sql: Sql, externalAnchors: readonly Anchor[]): Promise<AuditVerification> {
  const heads: { seq: string; entry_hash: Buffer }[] = await sql.query('SELECT seq, entry_hash FROM supervision.audit_chain_head');
  // A deleted head row reads as an empty chain, which any recorded entry then contradicts.
  const head: Anchor = heads.length ? { seq: Number(heads[0].seq), entryHash: heads[0].entry_hash } : { seq: 0, entryHash: GENESIS_HASH };
  const stored: { seq: string; entry_hash: Buffer }[] = await sql.query('SELECT seq, entry_hash FROM supervision.audit_anchors');
  const anchors = [...stored.map((anchor) => ({ seq: Number(anchor.seq), entryHash: anchor.entry_hash })), ...externalAnchors];
  const walk = new AuditChainWalk(anchors);
  const report = (firstBreak?: ChainBreak): AuditVerification => ({
    ok: !firstBreak,
    entriesVerified: walk.entriesVerified,
    head,
    anchorsChecked: anchors.length,
    ...(firstBreak ? { firstBreak } : {}),
  });

  for (let after = 0; ;) {
    const rows: EntryRow[] = await sql.query(
      `SELECT chain_seq, previous_hash, entry_hash, event_digest, ${TIMELINE_ROW_COLUMNS}
       FROM supervision.timeline_entries WHERE chain_seq > $1 ORDER BY chain_seq LIMIT ${PAGE}`,
      [after],
    );
    for (const row of rows) if (!walk.next(storedEntryOf(row))) return report(walk.firstBreak);
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1].chain_seq);
  }
  const firstBreak = walk.finish(head);
  if (firstBreak) return report(firstBreak);
  const outside: { event_id: string }[] = await sql.query(
    `SELECT event_id FROM supervision.timeline_entries WHERE chain_seq IS NULL OR previous_hash IS NULL OR entry_hash IS NULL LIMIT 1`,
  );
  if (outside.length > 0)
    return report({
      seq: null,
      eventId: outside[0].event_id,
      reason: 'unchained',
      explanation: `event ${outside[0].event_id} is on the timeline but not in the chain: it was added outside supervision`,
    });
  return report();
}
