import type { RequesterContact } from '@ugov/platform';
import type { ChannelProbe, DeliveryChannel, OutgoingReply } from '../../send-deliveries/delivery-channel.port';
import type { DeliveryConfig } from './delivery.config';
import { postJson } from './http-post';
import { probeHttp } from './http-probe';

/** A notification to the requester's app through the push service: `POST {token, title, body, reference}`. */
export class AppPushChannel implements DeliveryChannel {
  readonly method = 'push';

  constructor(private readonly push: DeliveryConfig['push']) {}

  async send(reply: OutgoingReply, contact: RequesterContact): Promise<string> {
    if (!this.push) throw new Error('no push service is configured (DELIVERY_PUSH_URL)');
    if (!contact.pushToken) throw new Error('the case has no push token');
    const body = JSON.stringify({ token: contact.pushToken, title: reply.subject, body: reply.text, reference: reply.deliveryId });
    return postJson('the push service', this.push.url, { authorization: `Bearer ${this.push.token}`, 'idempotency-key': reply.deliveryId }, body);
  }

  /** The push service's health URL (DELIVERY_PUSH_HEALTH_URL), else a TCP connection to it. */
  async probe(): Promise<ChannelProbe> {
    return this.push ? probeHttp('the push service', this.push) : { configured: false };
  }
}
