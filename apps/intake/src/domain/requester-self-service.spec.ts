import { DomainError } from '@ugov/domain';
import {
  checkEvaluation,
  checkRedoRequest,
  checkSupplement,
  checkWithdrawal,
  type ReplyRef,
  type Standing,
} from './requester-self-service';

const first: ReplyRef = { assignmentId: 'a1', departmentCode: 'city-housing', repliedAt: new Date('2026-11-20T10:00:00Z') };
const afterRedo: ReplyRef = { ...first, repliedAt: new Date('2026-11-25T10:00:00Z') };

const open: Standing = { withdrawn: false, replies: [], evaluations: [], redoRequests: [] };
const replied: Standing = { ...open, replies: [first] };
const ratedBadly: Standing = { ...replied, evaluations: [{ ...first, rating: 1, reRating: false }] };
const ratedWell: Standing = { ...replied, evaluations: [{ ...first, rating: 5, reRating: false }] };
const redoAsked: Standing = { ...replied, redoRequests: [first] };
const redoReplied: Standing = { ...ratedBadly, replies: [first, afterRedo] };
const reRated: Standing = { ...redoReplied, evaluations: [...ratedBadly.evaluations, { ...afterRedo, rating: 4, reRating: true }] };
const withdrawn: Standing = { ...open, withdrawn: true };

function codeOf(check: () => unknown): string | undefined {
  try {
    check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    expect(error.kind).toBe('conflict');
    return error.code;
  }
  return undefined;
}

describe('requester self-service rules', () => {
  // [standing, supplement, withdrawal, evaluation, redo request (limit 1)]: undefined is allowed.
  const table: [string, Standing, ...(string | undefined)[]][] = [
    ['open, not replied', open, undefined, undefined, 'case-not-replied', 'case-not-replied'],
    ['replied', replied, 'case-closed', 'case-replied', undefined, undefined],
    ['rated badly (a redo is ordered)', ratedBadly, undefined, 'case-replied', 'reply-already-evaluated', 'redo-already-requested'],
    ['rated well', ratedWell, 'case-closed', 'case-replied', 'reply-already-evaluated', undefined],
    ['redo asked for', redoAsked, undefined, 'case-replied', undefined, 'redo-already-requested'],
    ['replied again after the redo', redoReplied, 'case-closed', 'case-replied', undefined, undefined],
    ['re-rated', reRated, 'case-closed', 'case-replied', 'reply-already-evaluated', undefined],
    ['withdrawn', withdrawn, 'case-withdrawn', 'case-withdrawn', 'case-withdrawn', 'case-withdrawn'],
  ];

  it.each(table)('%s', (_, standing, supplement, withdrawal, evaluation, redo) => {
    expect(codeOf(() => checkSupplement(standing))).toBe(supplement);
    expect(codeOf(() => checkWithdrawal(standing))).toBe(withdrawal);
    expect(codeOf(() => checkEvaluation(standing))).toBe(evaluation);
    expect(codeOf(() => checkRedoRequest(standing, 1))).toBe(redo);
  });

  it('rates the latest reply; the rating after a redo is the re-rating, allowed once', () => {
    expect(checkEvaluation(replied)).toEqual({ reply: first, reRating: false });
    expect(checkEvaluation(redoReplied)).toEqual({ reply: afterRedo, reRating: true });
    const thirdReply = { ...first, repliedAt: new Date('2026-11-28T10:00:00Z') };
    expect(codeOf(() => checkEvaluation({ ...reRated, replies: [...reRated.replies, thirdReply] }))).toBe('re-rating-used');
  });

  it('counts redo requests against the limit per case', () => {
    const secondReply = { ...redoAsked, replies: [first, afterRedo] };
    expect(codeOf(() => checkRedoRequest(secondReply, 1))).toBe('redo-limit-reached');
    expect(checkRedoRequest(secondReply, 2)).toEqual({ reply: afterRedo, requestCount: 2 });
  });
});
