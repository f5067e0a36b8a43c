import { webhookSignature } from '@ugov/domain';
import type { RequesterContact } from '@ugov/platform';
import type { ChannelProbe, DeliveryChannel, OutgoingReply } from '../../send-deliveries/delivery-channel.port';
import { postJson } from './http-post';
import { probeHttp } from './http-probe';

/**
 * The reply posted to the callback the integrator gave with the case, signed with that integrator's secret:
 * `ugov-webhook-signature: v1=<HMAC-SHA256 of "<delivery id>.<unix seconds>.<body>">`, beside `ugov-webhook-id`
 * (the same on every retry of a delivery: receivers drop one they have seen) and `ugov-webhook-timestamp`.
 */
export class IntegratorWebhookChannel implements DeliveryChannel {
  readonly method = 'webhook';

  constructor(
    private readonly secrets: ReadonlyMap<string, string>,
    private readonly healthUrl?: string,
  ) {}

  async send(reply: OutgoingReply, contact: RequesterContact): Promise<string> {
    if (!contact.callbackUrl) throw new Error('the case has no callback');
    const secret = contact.integrator === undefined ? undefined : this.secrets.get(contact.integrator);
    if (!secret) throw new Error(`no webhook secret is configured for integrator "${contact.integrator ?? ''}" (DELIVERY_WEBHOOK_SECRETS)`);
    const body = JSON.stringify({
      deliveryId: reply.deliveryId,
      caseId: reply.caseId,
      trackingNumber: reply.trackingNumber,
      language: reply.language,
      subject: reply.subject,
      text: reply.text,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    return postJson(
      `integrator ${contact.integrator}'s callback`,
      contact.callbackUrl,
      {
        'ugov-webhook-id': reply.deliveryId,
        'ugov-webhook-timestamp': String(timestamp),
        'ugov-webhook-signature': webhookSignature(secret, reply.deliveryId, timestamp, body),
      },
      body,
    );
  }

  /**
   * Callbacks are the integrators' own, one per case: what is asked is DELIVERY_WEBHOOK_HEALTH_URL (the integrators'
   * gateway or a relay in front of them) when it is set; without it there is nothing to ask.
   */
  async probe(): Promise<ChannelProbe> {
    return this.healthUrl ? probeHttp('the webhook receiver', { url: this.healthUrl, healthUrl: this.healthUrl }) : { configured: false };
  }
}
