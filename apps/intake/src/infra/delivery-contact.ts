import type { RequesterContact } from '@ugov/platform';
import type { SubmitCaseCommand } from '../submit-case/submit-case.command';

/**
 * The part of a request publication needs to deliver the reply (sealed for it alone): the phone (the callback number
 * when the request gave one, else the requester's), and the e-mail,
 * callback or push token when the request gave them, the submitting integrator (whose webhook secret signs a
 * callback) and the language to answer in. Never the name or the ID number.
 */
export function deliveryContactOf(command: SubmitCaseCommand): RequesterContact {
  const { requester, delivery } = command.request;
  return {
    phone: delivery?.phone ?? requester.phone,
    ...(delivery?.email ? { email: delivery.email } : {}),
    ...(delivery?.callbackUrl ? { callbackUrl: delivery.callbackUrl, integrator: command.submittedBy } : {}),
    ...(delivery?.pushToken ? { pushToken: delivery.pushToken } : {}),
    language: delivery?.language ?? 'zh-Hans',
  };
}
