import { DomainError } from '@ugov/domain';
import { claimTriageCase, releaseTriageCase, routeTriageCase, type TriageState } from './triage-case';

const waiting: TriageState = { caseId: 'c1', status: 'waiting', claimedBy: null, claimedAt: null, routedAt: null };
const at = new Date('2026-11-30T08:00:00Z');

function codeOf(change: () => unknown): string {
  try {
    change();
  } catch (error) {
    if (error instanceof DomainError) return `${error.kind}:${error.code}`;
    throw error;
  }
  return 'no error';
}

describe('triage queue transitions', () => {
  it('a waiting case is claimed by one dispatcher, then routed by that dispatcher', () => {
    const claimed = claimTriageCase(waiting, 'alice', at);
    expect(claimed).toMatchObject({ status: 'claimed', claimedBy: 'alice', claimedAt: at });
    expect(routeTriageCase(claimed, 'alice', at)).toMatchObject({ status: 'routed', routedAt: at });
  });

  it('claiming one’s own claim again changes nothing', () => {
    const claimed = claimTriageCase(waiting, 'alice', at);
    expect(claimTriageCase(claimed, 'alice', new Date())).toBe(claimed);
  });

  it('refuses a claim or a route by another dispatcher', () => {
    const claimed = claimTriageCase(waiting, 'alice', at);
    expect(codeOf(() => claimTriageCase(claimed, 'bob', at))).toBe('conflict:triage-claimed-by-another');
    expect(codeOf(() => routeTriageCase(claimed, 'bob', at))).toBe('conflict:triage-claimed-by-another');
    expect(codeOf(() => releaseTriageCase(claimed, 'bob'))).toBe('conflict:triage-claimed-by-another');
  });

  it('refuses to route an unclaimed case and to touch a routed one', () => {
    expect(codeOf(() => routeTriageCase(waiting, 'alice', at))).toBe('conflict:triage-not-claimed');
    const routed = routeTriageCase(claimTriageCase(waiting, 'alice', at), 'alice', at);
    expect(codeOf(() => claimTriageCase(routed, 'alice', at))).toBe('conflict:triage-already-routed');
    expect(codeOf(() => routeTriageCase(routed, 'alice', at))).toBe('conflict:triage-already-routed');
    expect(codeOf(() => releaseTriageCase(routed, 'alice'))).toBe('conflict:triage-already-routed');
  });

  it('a released case waits for anyone again', () => {
    const released = releaseTriageCase(claimTriageCase(waiting, 'alice', at), 'alice');
    expect(released).toMatchObject({ status: 'waiting', claimedBy: null });
    expect(claimTriageCase(released, 'bob', at)).toMatchObject({ claimedBy: 'bob' });
  });
});
