// What the dashboard calls things: zh-Hans first, English after it.

export const HOPS = {
  'sign-off': '签收 Sign-off',
  reply: '答复 Reply',
  'extension-decision': '延期审批 Extension decision',
  'clarification-wait': '补充材料 Clarification',
  rectification: '整改 Rectification',
  'follow-up-call': '回访 Follow-up call',
};

export const STAGES = {
  green: '正常 Green',
  yellow: '黄牌预警 Yellow',
  red: '红牌超时 Red',
  escalated: '已升级 Escalated',
};

export const STATES = {
  running: '计时中 Running',
  paused: '已暂停 Paused',
  stopped: '已停止 Stopped',
  reset: '已重置 Reset',
};

export const WARNING_LEVELS = {
  yellow: '黄色预警 Yellow',
  red: '红色预警·督办 Red · order',
  escalation: '升级 Escalation',
};

export const ZONES = {
  yellow: '黄区 Yellow',
  red: '红区 Red',
  blue: '蓝区 Blue',
};

export const UNITS = {
  workingDays: ['个工作日', 'working days', 24 * 3600 * 1000],
  workingHours: ['个工作小时', 'working hours', 3600 * 1000],
  minutes: ['分钟', 'minutes', 60 * 1000],
};

/** The events of a case's timeline, by CloudEvents type (`ugov.<service>.<event>.v1`). */
export const EVENTS = {
  'intake.case-submitted': '受理 Submitted',
  'intake.case-supplemented': '补充材料 Supplemented',
  'intake.case-withdrawn': '撤回 Withdrawn',
  'intake.case-evaluated': '评价 Evaluated',
  'intake.redo-requested': '申请重办 Redo requested',
  'dispatch.case-assigned': '派单 Assigned',
  'dispatch.case-triaged': '转人工分拨 Sent to triage',
  'dispatch.arbitration-opened': '派单争议 Arbitration opened',
  'dispatch.case-merged': '并单 Merged',
  'dispatch.case-answered': '即时答复 Answered at once',
  'processing.assignment-signed': '签收 Signed',
  'processing.handling-started': '开始办理 Handling started',
  'processing.assignment-returned': '退单 Returned',
  'processing.extension-requested': '申请延期 Extension requested',
  'processing.extension-decided': '延期审批 Extension decided',
  'processing.handling-paused': '暂停 Paused',
  'processing.handling-resumed': '恢复 Resumed',
  'processing.redo-ordered': '重办 Redo ordered',
  'processing.co-handler-added': '增加协办 Co-handler added',
  'processing.co-handler-part-submitted': '协办意见 Co-handler part',
  'processing.co-handler-released': '协办释放 Co-handler released',
  'processing.notice-issued': '督办通知 Notice issued',
  'processing.notice-acknowledged': '通知已阅 Notice acknowledged',
  'processing.case-replied': '答复办结 Replied',
  'publication.reply-delivered': '答复送达 Reply delivered',
  'publication.delivery-failed': '送达失败 Delivery failed',
};

/** The label of a CloudEvents type, or the type itself for one this page does not know. */
export function eventLabel(type) {
  const key = String(type).replace(/^ugov\./, '').replace(/\.v\d+$/, '');
  return EVENTS[key] ?? type;
}

export const label = (table, value) => table[value] ?? value ?? '—';
