import fc from 'fast-check';
import {
  AuditChainWalk,
  canonicalContent,
  chainAfter,
  digestOfEventBytes,
  entryHashOf,
  GENESIS_HASH,
  type Anchor,
  type AuditedContent,
  type StoredEntry,
} from './audit-chain';

const contentOf = (index: number): AuditedContent => ({
  eventId: `event-${index}`,
  caseId: '6f1c1f3e-5a9e-4d8e-9f55-0c1b8b3f7a10',
  eventType: 'ugov.dispatch.case-assigned.v1',
  service: 'dispatch',
  source: '/ugov/dispatch',
  occurredAt: new Date(Date.UTC(2026, 10, 30, 8, 0, index)),
  recordedAt: new Date(Date.UTC(2026, 10, 30, 8, 0, index, 500)),
  correlationId: `correlation-${index}`,
  causationId: index === 1 ? null : `event-${index - 1}`,
  details: { departmentCode: 'city-housing', deadline: '2026-12-04T16:00:00.000Z' },
  eventDigest: digestOfEventBytes(Buffer.from(`bytes of event ${index}`)),
});

function storedChain(length: number): StoredEntry[] {
  const contents = Array.from({ length }, (_, index) => contentOf(index + 1));
  return chainAfter({ seq: 0, entryHash: GENESIS_HASH }, contents).map((link, index) => ({ ...link, content: contents[index] }));
}

const headOf = (entries: readonly StoredEntry[]): Anchor =>
  entries.length === 0 ? { seq: 0, entryHash: GENESIS_HASH } : { seq: entries.at(-1)!.seq, entryHash: entries.at(-1)!.entryHash };

function verify(entries: readonly StoredEntry[], head: Anchor, anchors: Anchor[] = []) {
  const walk = new AuditChainWalk(anchors);
  for (const entry of entries) if (!walk.next(entry)) break;
  return { firstBreak: walk.finish(head), verified: walk.entriesVerified };
}

describe('the audit chain', () => {
  const chain = storedChain(6);
  const head = headOf(chain);

  it('verifies an untouched chain, an empty one too', () => {
    expect(verify(chain, head, [{ seq: 3, entryHash: chain[2].entryHash }])).toEqual({ firstBreak: undefined, verified: 6 });
    expect(verify([], headOf([]))).toEqual({ firstBreak: undefined, verified: 0 });
  });

  it('links each entry to the one before and to its own content', () => {
    expect(chain[0].previousHash).toEqual(GENESIS_HASH);
    expect(chain[3].previousHash).toEqual(chain[2].entryHash);
    expect(chain[3].entryHash).toEqual(entryHashOf(chain[2].entryHash, 4, contentOf(4)));
    // The content is canonical: the order jsonb gives the details back in does not matter.
    const reordered = { ...contentOf(4), details: { deadline: '2026-12-04T16:00:00.000Z', departmentCode: 'city-housing' } };
    expect(canonicalContent(4, reordered)).toBe(canonicalContent(4, contentOf(4)));
  });

  it.each([
    ['details', { details: { departmentCode: 'city-health', deadline: '2026-12-04T16:00:00.000Z' } }],
    ['time', { occurredAt: new Date(Date.UTC(2026, 10, 30, 8, 0, 3, 1)) }],
    ['case', { caseId: '00000000-0000-4000-8000-000000000000' }],
    ['event bytes', { eventDigest: digestOfEventBytes(Buffer.from('other bytes')) }],
    ['causation', { causationId: null }],
  ])('names the entry whose %s was changed', (_, change) => {
    const tampered = chain.map((entry) => (entry.seq === 3 ? { ...entry, content: { ...entry.content, ...change } } : entry));
    expect(verify(tampered, head).firstBreak).toMatchObject({ seq: 3, eventId: 'event-3', reason: 'altered' });
  });

  it('names the removed entry', () => {
    expect(
      verify(
        chain.filter((entry) => entry.seq !== 4),
        head,
      ).firstBreak,
    ).toMatchObject({ seq: 4, eventId: null, reason: 'missing' });
  });

  it('catches a removal hidden by renumbering the entries after it', () => {
    const renumbered = chain.filter((entry) => entry.seq !== 4).map((entry) => (entry.seq > 4 ? { ...entry, seq: entry.seq - 1 } : entry));
    expect(verify(renumbered, headOf(renumbered)).firstBreak).toMatchObject({ seq: 4, eventId: 'event-5', reason: 'unlinked' });
  });

  it('catches two entries swapped', () => {
    const swapped = [chain[0], { ...chain[2], seq: 2 }, { ...chain[1], seq: 3 }, ...chain.slice(3)];
    expect(verify(swapped, head).firstBreak).toMatchObject({ seq: 2, eventId: 'event-3', reason: 'unlinked' });
  });

  it('catches a changed entry whose hash was recomputed, at the next entry', () => {
    const forged = { ...contentOf(3), details: { departmentCode: 'city-health' } };
    const tampered = chain.map((entry) =>
      entry.seq === 3 ? { ...entry, content: forged, entryHash: entryHashOf(entry.previousHash, 3, forged) } : entry,
    );
    expect(verify(tampered, head).firstBreak).toMatchObject({ seq: 4, reason: 'unlinked' });
  });

  it('catches the last entries removed, by the head or by an anchor', () => {
    expect(verify(chain.slice(0, 4), head).firstBreak).toMatchObject({ seq: 5, eventId: null, reason: 'truncated' });
    const rewound = headOf(chain.slice(0, 4));
    expect(verify(chain.slice(0, 4), rewound, [{ seq: 6, entryHash: head.entryHash }]).firstBreak).toMatchObject({
      seq: 5,
      reason: 'truncated',
    });
    expect(verify(chain.slice(0, 4), rewound).firstBreak).toBeUndefined();
  });

  it('catches a rewritten chain at the first anchor it contradicts', () => {
    const otherContents = [contentOf(1), contentOf(2), { ...contentOf(3), details: {} }, contentOf(4), contentOf(5), contentOf(6)];
    const forged = chainAfter({ seq: 0, entryHash: GENESIS_HASH }, otherContents).map((link, index) => ({
      ...link,
      content: otherContents[index],
    }));
    expect(verify(chain, head, [{ seq: 4, entryHash: chain[3].entryHash }]).firstBreak).toBeUndefined();
    expect(verify(forged, headOf(forged), [{ seq: 4, entryHash: chain[3].entryHash }]).firstBreak).toMatchObject({
      seq: 4,
      reason: 'anchor-mismatch',
    });
  });

  it('catches an entry added after the head', () => {
    expect(verify(chain, headOf(chain.slice(0, 5))).firstBreak).toMatchObject({ seq: 5, reason: 'unlinked' });
  });

  it('detects any change to any one stored entry', () => {
    const fields = ['eventId', 'eventType', 'service', 'source', 'correlationId'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.constantFrom(...fields), fc.string({ minLength: 1 }), (index, field, suffix) => {
        const tampered = chain.map((entry, position) =>
          position === index ? { ...entry, content: { ...entry.content, [field]: entry.content[field] + suffix } } : entry,
        );
        expect(verify(tampered, head).firstBreak).toMatchObject({ seq: index + 1, reason: 'altered' });
      }),
    );
  });
});
