import { decisionProblemOf, reviewerMasksOf } from './review-decision';

describe('a reviewer masks more, never less', () => {
  const redacted = '经核实，住【地址】的【姓名】反映的漏水已修复，可拨打【电话】回访。';

  it('takes the redacted text as it is, with nothing added', () => {
    expect(reviewerMasksOf(redacted, redacted)).toEqual([]);
  });

  it('takes more masks, and says which are the reviewer’s', () => {
    const edited = '经核实，住【地址】的【姓名】反映的【已屏蔽】已修复，可拨打【电话】回访。';
    expect(reviewerMasksOf(redacted, edited)).toEqual([{ type: 'censored', start: 17, end: 22 }]);
    // A mask may swallow a mask of the redactor's with the text around it.
    expect(reviewerMasksOf(redacted, '经核实，【已屏蔽】反映的漏水已修复，可拨打【电话】回访。')).toEqual([
      { type: 'censored', start: 4, end: 9 },
    ]);
    expect(reviewerMasksOf(redacted, '【已屏蔽】')).toEqual([{ type: 'censored', start: 0, end: 5 }]);
  });

  it('refuses what the redactor withheld, put back', () => {
    expect(reviewerMasksOf(redacted, '经核实，住景蓉华苑3栋2单元501室的【姓名】反映的漏水已修复，可拨打【电话】回访。')).toBeUndefined();
    expect(reviewerMasksOf(redacted, '经核实，住【地址】的张伟反映的漏水已修复，可拨打【电话】回访。')).toBeUndefined();
    expect(reviewerMasksOf(redacted, '经核实，住【地址】的【姓名】反映的漏水已修复，可拨打13812345678回访。')).toBeUndefined();
  });

  it('refuses a mask deleted, text added or moved, and a mask over nothing', () => {
    expect(reviewerMasksOf(redacted, '经核实，住的【姓名】反映的漏水已修复，可拨打【电话】回访。')).toBeUndefined();
    expect(reviewerMasksOf(redacted, `${redacted}另：张伟。`)).toBeUndefined();
    expect(reviewerMasksOf(redacted, '经核实，住【地址】的【姓名】反映的漏水已修复【已屏蔽】，可拨打【电话】回访。')).toBeUndefined();
    expect(reviewerMasksOf('漏水已修复。', '漏水已修复。【已屏蔽】')).toBeUndefined();
    expect(reviewerMasksOf('漏水已修复。', '漏水已修复')).toBeUndefined();
  });
});

describe('a decision that holds together', () => {
  const approve = { decision: 'approve', disclosure: 'proactive', visibility: 'public' } as const;

  it('lets an approved, proactively disclosed reply be public', () => {
    expect(decisionProblemOf(approve)).toBeUndefined();
    expect(decisionProblemOf({ ...approve, visibility: 'internal' })).toBeUndefined();
  });

  it('keeps anything else from the public, naming the field', () => {
    expect(decisionProblemOf({ ...approve, disclosure: 'on-request' })?.field).toBe('visibility');
    expect(decisionProblemOf({ ...approve, decision: 'reject' })?.field).toBe('visibility');
    expect(
      decisionProblemOf({ decision: 'withhold', disclosure: 'withheld', withheldReason: 'privacy', visibility: 'public' })?.field,
    ).toBe('visibility');
  });

  it('withholds with a reason, and only by a withhold decision', () => {
    expect(decisionProblemOf({ decision: 'withhold', disclosure: 'withheld', visibility: 'hidden' })?.field).toBe('withheldReason');
    expect(
      decisionProblemOf({ decision: 'withhold', disclosure: 'withheld', withheldReason: 'state-secret', visibility: 'hidden' }),
    ).toBeUndefined();
    expect(decisionProblemOf({ decision: 'withhold', disclosure: 'proactive', visibility: 'hidden' })?.field).toBe('disclosure');
    expect(decisionProblemOf({ decision: 'approve', disclosure: 'withheld', withheldReason: 'privacy', visibility: 'hidden' })?.field).toBe(
      'disclosure',
    );
  });
});
