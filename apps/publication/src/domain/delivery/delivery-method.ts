import type { ChannelName } from '@ugov/contracts';

export const DELIVERY_METHODS = ['sms', 'email', 'webhook', 'push', 'open311'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** pending → delivered, or → dead after the last attempt failed. */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** Which ways the requester can be reached (whether the case has a phone, an e-mail …), never the values. */
export interface ReachableBy {
  readonly phone?: unknown;
  readonly email?: unknown;
  readonly callbackUrl?: unknown;
  readonly pushToken?: unknown;
}

/**
 * The reply goes back the way the request came: Open311 as an update of the request, e-mail to an e-mail, the app
 * as a push, an integrator with a callback to its webhook; everything else (hotline, SMS, kiosk, window, WeChat …)
 * and any channel whose own contact is missing falls back to an SMS to the requester's phone. Null: unreachable.
 */
export function deliveryMethodFor(channel: ChannelName, contact: ReachableBy): DeliveryMethod | null {
  if (channel === 'open311') return 'open311';
  if (channel === 'email' && contact.email) return 'email';
  if (channel === 'mobile-app' && contact.pushToken) return 'push';
  if (contact.callbackUrl) return 'webhook';
  if (contact.phone) return 'sms';
  if (contact.email) return 'email';
  if (contact.pushToken) return 'push';
  return null;
}
