import { rankOf, stateOfRank } from './request-progress';

describe('request states', () => {
  it('rank in the order a request goes through them, so the highest reported wins', () => {
    expect(rankOf('submitted')).toBeLessThan(rankOf('in-triage'));
    expect(rankOf('in-triage')).toBeLessThan(rankOf('assigned'));
    expect(rankOf('assigned')).toBeLessThan(rankOf('in-progress'));
    expect(rankOf('in-progress')).toBeLessThan(rankOf('replied'));
    expect(stateOfRank(Math.max(rankOf('replied'), rankOf('in-progress')))).toBe('replied');
    expect(stateOfRank(rankOf('assigned'))).toBe('assigned');
  });
});
