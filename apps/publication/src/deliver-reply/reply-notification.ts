import type { OutcomeName } from '@ugov/contracts';
import type { ReplyLanguage } from '@ugov/platform';

const OUTCOME_TEXT: Record<ReplyLanguage, Record<OutcomeName, string>> = {
  'zh-Hans': { resolved: '已解决', explained: '已解释说明', 'not-resolvable': '暂无法解决' },
  en: { resolved: 'resolved', explained: 'explained', 'not-resolvable': 'cannot be resolved for now' },
};

export interface ReplyNotification {
  /** The e-mail subject, push title. */
  readonly subject: string;
  readonly text: string;
}

/**
 * What the requester receives, in their language: the tracking number, the outcome (with its reason), the
 * department's reply as written, and how to evaluate the handling.
 */
export function replyNotification(
  language: ReplyLanguage,
  trackingNumber: string,
  outcome: OutcomeName,
  replyText: string,
  outcomeReason: string,
): ReplyNotification {
  const result = OUTCOME_TEXT[language][outcome];
  if (language === 'en') {
    const reason = outcomeReason ? ` (reason: ${outcomeReason})` : '';
    return {
      subject: `Your request ${trackingNumber} has been answered`,
      text:
        `Your request (tracking number ${trackingNumber}) has been handled. Result: ${result}${reason}. Reply: ${replyText}\n` +
        `Please rate the handling: reply 1 (satisfied), 2 (fairly satisfied) or 3 (dissatisfied), or rate it online with tracking number ${trackingNumber}.`,
    };
  }
  const reason = outcomeReason ? `（原因：${outcomeReason}）` : '';
  return {
    subject: `您的诉求 ${trackingNumber} 已办结`,
    text:
      `您的诉求（受理编号 ${trackingNumber}）已办结，结果：${result}${reason}。答复：${replyText}\n` +
      `请对办理结果进行评价：回复 1（满意）、2（基本满意）或 3（不满意），或凭受理编号 ${trackingNumber} 在线评价。`,
  };
}
