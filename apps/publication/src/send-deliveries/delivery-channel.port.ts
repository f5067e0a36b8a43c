import type { RequesterContact } from '@ugov/platform';
import type { DeliveryMethod } from '../domain/delivery/delivery-method';

/** One reply on its way: the delivery id is the idempotency key every provider is given. */
export interface OutgoingReply {
  readonly deliveryId: string;
  readonly caseId: string;
  readonly trackingNumber: string;
  readonly language: string;
  readonly subject: string;
  readonly text: string;
}

/**
 * One way of reaching a requester (one adapter per file in infra/delivery-channels). `send` resolves with the
 * provider's receipt, or throws an error whose message names what failed and never the contact.
 */
export interface DeliveryChannel {
  readonly method: DeliveryMethod;
  send(reply: OutgoingReply, contact: RequesterContact): Promise<string>;
  /**
   * Whether the provider answers now (SMTP EHLO, an HTTP health URL …), without sending anything: resolves with what
   * it answered, or `not-configured` when there is no provider to ask; throws, naming what failed, when it is down.
   */
  probe(): Promise<ChannelProbe>;
}

export type ChannelProbe = { readonly configured: false } | { readonly configured: true; readonly detail: string };

export const DELIVERY_CHANNELS = Symbol('DELIVERY_CHANNELS');
