import { DomainError } from '@ugov/domain';

/** A case in the human triage queue (人工分拨): waiting → claimed by one dispatcher → routed by that dispatcher. */
export type TriageStatus = 'waiting' | 'claimed' | 'routed';

export interface TriageState {
  readonly caseId: string;
  readonly status: TriageStatus;
  readonly claimedBy: string | null;
  readonly claimedAt: Date | null;
  readonly routedAt: Date | null;
}

/** A dispatcher takes the case, so that two dispatchers never route it twice; claiming one's own claim again is a no-op. */
export function claimTriageCase<State extends TriageState>(triage: State, dispatcher: string, at: Date): State {
  if (triage.status === 'routed')
    throw new DomainError(
      'conflict',
      `case ${triage.caseId} was already routed at ${triage.routedAt?.toISOString()}`,
      'triage-already-routed',
    );
  if (triage.status === 'claimed') {
    if (triage.claimedBy === dispatcher) return triage;
    throw new DomainError(
      'conflict',
      `case ${triage.caseId} is claimed by another dispatcher (${triage.claimedBy})`,
      'triage-claimed-by-another',
    );
  }
  return { ...triage, status: 'claimed', claimedBy: dispatcher, claimedAt: at };
}

/** A claimed case goes back to the queue, for another dispatcher; only its claimant may release it. */
export function releaseTriageCase<State extends TriageState>(triage: State, dispatcher: string): State {
  mustBeClaimedBy(triage, dispatcher);
  return { ...triage, status: 'waiting', claimedBy: null, claimedAt: null };
}

/** Only the dispatcher who claimed the case routes it, once. */
export function routeTriageCase<State extends TriageState>(triage: State, dispatcher: string, at: Date): State {
  mustBeClaimedBy(triage, dispatcher);
  return { ...triage, status: 'routed', routedAt: at };
}

function mustBeClaimedBy(triage: TriageState, dispatcher: string): void {
  if (triage.status === 'routed')
    throw new DomainError(
      'conflict',
      `case ${triage.caseId} was already routed at ${triage.routedAt?.toISOString()}`,
      'triage-already-routed',
    );
  if (triage.status === 'waiting')
    throw new DomainError('conflict', `case ${triage.caseId} must be claimed before it is routed or released`, 'triage-not-claimed');
  if (triage.claimedBy !== dispatcher)
    throw new DomainError(
      'conflict',
      `case ${triage.caseId} is claimed by another dispatcher (${triage.claimedBy})`,
      'triage-claimed-by-another',
    );
}
