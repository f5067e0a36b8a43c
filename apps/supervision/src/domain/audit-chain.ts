import { hash } from 'node:crypto';

/**
 * The tamper-evident audit chain over the timeline. Entry n holds SHA-256(hash of entry n-1 ‖ canonical content
 * of entry n), the content including n itself and the digest of the event's Kafka bytes; entry 1 follows
 * GENESIS_HASH. Changing, removing, inserting or reordering any stored entry breaks the link at that entry or the
 * next; rewriting the whole tail is caught by the head row and by anchors published outside the database.
 */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);
/** Versions the canonical form: entries are never re-hashed, so a new form would need a new tag. */
const CANONICAL_FORM = 'ugov.audit.v1';

/** What an entry commits to: the timeline row as stored, plus the digest of the event's bytes. */
export interface AuditedContent {
  readonly eventId: string;
  readonly caseId: string;
  readonly eventType: string;
  readonly service: string;
  readonly source: string;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly details: Readonly<Record<string, string>>;
  /** SHA-256 of the Kafka record's value; null for entries recorded before the chain existed. */
  readonly eventDigest: Buffer | null;
}

export interface ChainLink {
  readonly seq: number;
  readonly previousHash: Buffer;
  readonly entryHash: Buffer;
}

/** The bytes hashed for an entry: a JSON array in a fixed order, object keys sorted, times in ISO 8601 UTC. */
export function canonicalContent(seq: number, content: AuditedContent): string {
  const details = Object.fromEntries(
    Object.keys(content.details)
      .sort()
      .map((key) => [key, content.details[key]]),
  );
  return JSON.stringify([
    CANONICAL_FORM,
    seq,
    content.eventId,
    content.caseId,
    content.eventType,
    content.service,
    content.source,
    content.occurredAt.toISOString(),
    content.recordedAt.toISOString(),
    content.correlationId,
    content.causationId,
    details,
    content.eventDigest?.toString('hex') ?? null,
  ]);
}

// One-shot hashes: a Hash object per entry cost twice as much (two for each event recorded).
export function entryHashOf(previousHash: Buffer, seq: number, content: AuditedContent): Buffer {
  return hash('sha256', Buffer.concat([previousHash, Buffer.from(canonicalContent(seq, content), 'utf8')]), 'buffer');
}

export function digestOfEventBytes(bytes: Buffer | null): Buffer {
  return hash('sha256', bytes ?? Buffer.alloc(0), 'buffer');
}

/** Links `contents`, in order, after the entry `head`; the head of the chain is then the last link. */
export function chainAfter(head: { seq: number; entryHash: Buffer }, contents: readonly AuditedContent[]): ChainLink[] {
  const links: ChainLink[] = [];
  let previous = head;
  for (const content of contents) {
    const seq = previous.seq + 1;
    const link = { seq, previousHash: previous.entryHash, entryHash: entryHashOf(previous.entryHash, seq, content) };
    links.push(link);
    previous = link;
  }
  return links;
}

/** A stored entry as the verifier reads it back. */
export interface StoredEntry extends ChainLink {
  readonly content: AuditedContent;
}

export type BreakReason = 'altered' | 'missing' | 'unlinked' | 'truncated' | 'anchor-mismatch' | 'unchained';

export interface ChainBreak {
  /** The position where the chain breaks: the entry that fails, or the one that should be there (null: outside the chain). */
  readonly seq: number | null;
  /** The stored row found there (null when it is gone). */
  readonly eventId: string | null;
  readonly reason: BreakReason;
  readonly explanation: string;
}

export interface Anchor {
  readonly seq: number;
  readonly entryHash: Buffer;
}

/**
 * Walks the chain entry by entry (feed them in seq order) and stops at the first broken link. `anchors` are
 * head hashes recorded earlier; each must still be the hash of its entry.
 */
export class AuditChainWalk {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private readonly anchors: Map<number, Buffer>;
  private broken: ChainBreak | undefined;

  constructor(anchors: readonly Anchor[] = []) {
    this.anchors = new Map(anchors.map((anchor) => [anchor.seq, anchor.entryHash]));
  }

  get entriesVerified(): number {
    return this.expectedSeq - 1;
  }

  get firstBreak(): ChainBreak | undefined {
    return this.broken;
  }

  /** Checks the next stored entry; false once the chain is broken (the break says where and why). */
  next(entry: StoredEntry): boolean {
    if (this.broken) return false;
    const { seq, content } = entry;
    const at = (reason: BreakReason, explanation: string, where = seq, eventId: string | null = content.eventId) =>
      this.stop({ seq: where, eventId, reason, explanation });
    if (seq !== this.expectedSeq)
      return at(
        'missing',
        `entry ${this.expectedSeq} is missing: the chain goes on at entry ${seq} (event ${content.eventId})`,
        this.expectedSeq,
        null,
      );
    if (!entry.previousHash.equals(this.previousHash))
      return at('unlinked', `entry ${seq} does not follow entry ${seq - 1}: an entry was removed, inserted or moved here`);
    if (!entryHashOf(entry.previousHash, seq, content).equals(entry.entryHash))
      return at('altered', `entry ${seq} (event ${content.eventId}) was changed after it was recorded`);
    const anchored = this.anchors.get(seq);
    if (anchored && !anchored.equals(entry.entryHash))
      return at(
        'anchor-mismatch',
        `entry ${seq} is not the one anchored as ${anchored.toString('hex')}: the chain was rewritten from here or before`,
      );
    this.expectedSeq = seq + 1;
    this.previousHash = entry.entryHash;
    return true;
  }

  /**
   * After the last entry: the head row and every anchor must agree with where the chain ends. Returns the break,
   * if any.
   */
  finish(head: Anchor): ChainBreak | undefined {
    if (this.broken) return this.broken;
    const last = this.entriesVerified;
    const beyond = [...this.anchors.keys()].filter((seq) => seq > last).sort((a, b) => a - b);
    if (head.seq > last || beyond.length > 0) {
      const claimed = Math.max(head.seq, ...beyond);
      this.stop({
        seq: last + 1,
        eventId: null,
        reason: 'truncated',
        explanation: `the chain ends at entry ${last} but ${head.seq > last ? 'its head' : 'an anchor'} says entry ${claimed} was recorded: entries after ${last} were removed`,
      });
    } else if (head.seq < last || !head.entryHash.equals(this.previousHash)) {
      this.stop({
        seq: head.seq,
        eventId: null,
        reason: 'unlinked',
        explanation: `the chain's head (entry ${head.seq}) is not its last entry ${last}: entries were added outside the chain or the head was changed`,
      });
    }
    return this.broken;
  }

  private stop(chainBreak: ChainBreak): false {
    this.broken = chainBreak;
    return false;
  }
}
