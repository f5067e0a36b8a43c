import type { ChannelProbe, DeliveryChannel, OutgoingReply } from '../../send-deliveries/delivery-channel.port';

/**
 * Open311 clients are not called: they read the request's status. The delivered row is the update (its message,
 * language and time) that an Open311 GET serves; recording it is the delivery.
 */
export class Open311UpdateChannel implements DeliveryChannel {
  readonly method = 'open311';

  async send(reply: OutgoingReply): Promise<string> {
    return `open311-update:${reply.deliveryId}`;
  }

  /** Nothing outside publication's own database (whose state /health tells): up whenever publication runs. */
  async probe(): Promise<ChannelProbe> {
    return { configured: true, detail: 'recorded in publication' };
  }
}
