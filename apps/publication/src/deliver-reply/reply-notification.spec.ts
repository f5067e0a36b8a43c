import { replyNotification } from './reply-notification';

describe('replyNotification', () => {
  it('tells the tracking number, the outcome and the reply', () => {
    expect(replyNotification('UG20261122000001', 'resolved', '路灯已修复。', '')).toBe(
      '您的诉求（受理编号 UG20261122000001）已办结，结果：已解决。答复：路灯已修复。',
    );
  });

  it('gives the reason when the matter cannot be resolved', () => {
    expect(replyNotification('UG1', 'not-resolvable', '建议向区法院起诉。', '属司法程序')).toContain('暂无法解决（原因：属司法程序）');
  });
});
