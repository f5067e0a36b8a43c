import type { OutcomeName } from '@ugov/contracts';
import type { ReplyLanguage } from '@ugov/platform';

interface NotificationTexts {
  readonly outcomes: Record<OutcomeName, string>;
  readonly subject: (trackingNumber: string) => string;
  readonly reason: (reason: string) => string;
  readonly body: (trackingNumber: string, result: string, replyText: string) => string;
  /** How to rate (好差评): 1 to 5, online, with the tracking number and verification code the requester was given. */
  readonly evaluate: (trackingNumber: string) => string;
}

/** One table per language the requester can ask to be answered in; the department's reply is sent as written. */
const TEXTS: Record<ReplyLanguage, NotificationTexts> = {
  'zh-Hans': {
    outcomes: { resolved: '已解决', explained: '已解释说明', 'not-resolvable': '暂无法解决' },
    subject: (number) => `您的诉求 ${number} 已办结`,
    reason: (reason) => `（原因：${reason}）`,
    body: (number, result, reply) => `您的诉求（受理编号 ${number}）已办结，结果：${result}。答复：${reply}`,
    evaluate: (number) => `请对办理结果进行评价：凭受理编号 ${number} 和查询码在线评价，1（非常不满意）至 5（非常满意）。`,
  },
  'zh-Hant': {
    outcomes: { resolved: '已解決', explained: '已解釋說明', 'not-resolvable': '暫無法解決' },
    subject: (number) => `您的訴求 ${number} 已辦結`,
    reason: (reason) => `（原因：${reason}）`,
    body: (number, result, reply) => `您的訴求（受理編號 ${number}）已辦結，結果：${result}。答覆：${reply}`,
    evaluate: (number) => `請對辦理結果進行評價：憑受理編號 ${number} 和查詢碼線上評價，1（非常不滿意）至 5（非常滿意）。`,
  },
  en: {
    outcomes: { resolved: 'resolved', explained: 'explained', 'not-resolvable': 'cannot be resolved for now' },
    subject: (number) => `Your request ${number} has been answered`,
    reason: (reason) => ` (reason: ${reason})`,
    body: (number, result, reply) => `Your request (tracking number ${number}) has been handled. Result: ${result}. Reply: ${reply}`,
    evaluate: (number) =>
      `Please rate the handling online with tracking number ${number} and your verification code, from 1 (very dissatisfied) to 5 (very satisfied).`,
  },
  fr: {
    outcomes: { resolved: 'résolue', explained: 'expliquée', 'not-resolvable': 'ne peut être résolue pour le moment' },
    subject: (number) => `Votre demande ${number} a reçu une réponse`,
    reason: (reason) => ` (motif : ${reason})`,
    body: (number, result, reply) => `Votre demande (numéro de suivi ${number}) a été traitée. Résultat : ${result}. Réponse : ${reply}`,
    evaluate: (number) =>
      `Merci d’évaluer le traitement en ligne avec le numéro de suivi ${number} et votre code de vérification, de 1 (très insatisfait) à 5 (très satisfait).`,
  },
  ja: {
    outcomes: { resolved: '解決済み', explained: '説明済み', 'not-resolvable': '現時点では解決できません' },
    subject: (number) => `ご要望 ${number} への回答`,
    reason: (reason) => `（理由：${reason}）`,
    body: (number, result, reply) => `ご要望（受付番号 ${number}）の対応が完了しました。結果：${result}。回答：${reply}`,
    evaluate: (number) =>
      `受付番号 ${number} と確認コードで、対応の評価をオンラインでお願いします：1（非常に不満）から 5（非常に満足）まで。`,
  },
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
  const texts = TEXTS[language];
  const result = texts.outcomes[outcome] + (outcomeReason ? texts.reason(outcomeReason) : '');
  return {
    subject: texts.subject(trackingNumber),
    text: `${texts.body(trackingNumber, result, replyText)}\n${texts.evaluate(trackingNumber)}`,
  };
}
