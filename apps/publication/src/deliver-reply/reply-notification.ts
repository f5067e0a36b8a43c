import type { OutcomeName } from '@ugov/contracts';

const OUTCOME_TEXT: Record<OutcomeName, string> = {
  resolved: '已解决',
  explained: '已解释说明',
  'not-resolvable': '暂无法解决',
};

/** The text the requester receives: tracking number, outcome and the department's reply (zh-Hans). */
export function replyNotification(trackingNumber: string, outcome: OutcomeName, replyText: string, outcomeReason: string): string {
  const reason = outcomeReason ? `（原因：${outcomeReason}）` : '';
  return `您的诉求（受理编号 ${trackingNumber}）已办结，结果：${OUTCOME_TEXT[outcome]}${reason}。答复：${replyText}`;
}
