import { proposeReplyReview, withheldPartsOf } from './reply-review';

describe('reply review', () => {
  it('withholds personal data as 个人隐私 and censored text for the rule reason', () => {
    expect(
      withheldPartsOf([
        { type: 'phone', start: 0, end: 11 },
        { type: 'censored', start: 12, end: 20, reason: '内部过程信息' },
      ]).map((part) => part.reason),
    ).toEqual(['个人隐私', '内部过程信息']);
  });

  it('proposes active disclosure of the separable parts, seen by the requester only until reviewed', () => {
    const proposal = proposeReplyReview('请联系13812345678办理。', {
      text: '请联系【电话】办理。',
      spans: [{ type: 'phone', start: 3, end: 14 }],
    });
    expect(proposal).toEqual({
      redactedText: '请联系【电话】办理。',
      withheld: [{ type: 'phone', start: 3, end: 14, reason: '个人隐私' }],
      disclosure: '主动公开',
      disclosureReason: null,
      visibility: 'requester-only',
      reviewStatus: 'awaiting-review',
    });
  });

  it('proposes no disclosure, with the main reason, when almost everything is withheld', () => {
    const proposal = proposeReplyReview('内部〔2026〕3号 13812345678', {
      text: '【已屏蔽】 【电话】',
      spans: [
        { type: 'censored', start: 0, end: 10, reason: '内部过程信息' },
        { type: 'phone', start: 11, end: 22 },
      ],
    });
    expect(proposal).toMatchObject({ disclosure: '不予公开', disclosureReason: '个人隐私' });
  });
});
