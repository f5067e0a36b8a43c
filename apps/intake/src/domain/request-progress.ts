/** Where a request stands, as its requester sees it, in the order a request goes through them. */
export const REQUEST_STATES = ['submitted', 'in-triage', 'assigned', 'in-progress', 'replied'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/**
 * A state's rank: events of different topics may arrive in any order, so what is stored is the highest rank
 * reported, and a later state never gives way to an earlier one.
 */
export const rankOf = (state: RequestState): number => REQUEST_STATES.indexOf(state);

export const stateOfRank = (rank: number): RequestState => REQUEST_STATES[Math.min(Math.max(rank, 0), REQUEST_STATES.length - 1)];
