import type { ReplyLanguage } from '@ugov/platform';
import { replyNotification } from './reply-notification';

describe('replyNotification', () => {
  it('tells the tracking number, the outcome, the reply and how to evaluate, in Chinese by default', () => {
    const notification = replyNotification('zh-Hans', 'UG20261122000001', 'resolved', '路灯已修复。', '');
    expect(notification.subject).toBe('您的诉求 UG20261122000001 已办结');
    expect(notification.text).toContain('您的诉求（受理编号 UG20261122000001）已办结，结果：已解决。答复：路灯已修复。');
    expect(notification.text).toContain('请对办理结果进行评价');
  });

  it('gives the reason when the matter cannot be resolved', () => {
    expect(replyNotification('zh-Hans', 'UG1', 'not-resolvable', '建议向区法院起诉。', '属司法程序').text).toContain(
      '暂无法解决（原因：属司法程序）',
    );
  });

  it('answers in English when the case asks for it, with no Chinese of its own', () => {
    const notification = replyNotification('en', 'UG1', 'explained', 'See the notice.', '');
    expect(notification.text).toContain('tracking number UG1');
    expect(notification.text).toContain('Please rate');
    expect(notification.subject + notification.text).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('speaks each of the five languages, and only it, around the reply as written', () => {
    const cases: [ReplyLanguage, RegExp, RegExp][] = [
      ['zh-Hant', /您的訴求（受理編號 UG1）已辦結，結果：已解釋說明。/, /[诉编结办评]/],
      ['fr', /Votre demande \(numéro de suivi UG1\) a été traitée\. Résultat : expliquée\./, /[\u3040-\u30ff\u4e00-\u9fff]/],
      ['ja', /ご要望（受付番号 UG1）の対応が完了しました。結果：説明済み。/, /[A-Za-z]{3,}/],
    ];
    for (const [language, says, foreign] of cases) {
      const notification = replyNotification(language, 'UG1', 'explained', 'REPLY', '');
      expect(notification.text).toMatch(says);
      expect(notification.text).toContain('UG1');
      expect((notification.subject + notification.text).replace('REPLY', '')).not.toMatch(foreign);
    }
  });
});
