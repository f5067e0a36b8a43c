import type { RequesterContact } from '@ugov/platform';
import type { ChannelProbe, DeliveryChannel, OutgoingReply } from '../../send-deliveries/delivery-channel.port';
import type { DeliveryConfig } from './delivery.config';
import { postJson } from './http-post';
import { probeHttp } from './http-probe';

/** SMS through the operator's HTTP gateway: `POST {to, text, reference}` with a bearer token and an Idempotency-Key. */
export class SmsGatewayChannel implements DeliveryChannel {
  readonly method = 'sms';

  constructor(private readonly gateway: DeliveryConfig['smsGateway']) {}

  async send(reply: OutgoingReply, contact: RequesterContact): Promise<string> {
    if (!this.gateway) throw new Error('no SMS gateway is configured (DELIVERY_SMS_GATEWAY_URL)');
    if (!contact.phone) throw new Error('the case has no phone to send an SMS to');
    const body = JSON.stringify({ to: contact.phone, text: reply.text, reference: reply.deliveryId });
    return postJson(
      'the SMS gateway',
      this.gateway.url,
      { authorization: `Bearer ${this.gateway.token}`, 'idempotency-key': reply.deliveryId },
      body,
    );
  }

  /** The gateway's health URL (DELIVERY_SMS_GATEWAY_HEALTH_URL), else a TCP connection to it. */
  async probe(): Promise<ChannelProbe> {
    return this.gateway ? probeHttp('the SMS gateway', this.gateway) : { configured: false };
  }
}
