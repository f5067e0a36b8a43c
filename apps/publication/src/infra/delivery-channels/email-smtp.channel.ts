import { createTransport, type Transporter } from 'nodemailer';
import type { RequesterContact } from '@ugov/platform';
import type { ChannelProbe, DeliveryChannel, OutgoingReply } from '../../send-deliveries/delivery-channel.port';
import type { DeliveryConfig } from './delivery.config';

/**
 * E-mail over SMTP (nodemailer). The Message-ID is derived from the delivery id, so a message sent again after a
 * crash is recognisably the same one; the receipt is the server's answer to the message.
 */
export class EmailSmtpChannel implements DeliveryChannel {
  readonly method = 'email';
  private readonly transport: Transporter | undefined;

  constructor(private readonly smtp: DeliveryConfig['smtp']) {
    this.transport = smtp
      ? createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : undefined;
  }

  async send(reply: OutgoingReply, contact: RequesterContact): Promise<string> {
    if (!this.transport || !this.smtp) throw new Error('no SMTP server is configured (DELIVERY_SMTP_HOST)');
    if (!contact.email) throw new Error('the case has no e-mail address');
    try {
      const info = await this.transport.sendMail({
        from: this.smtp.from,
        to: contact.email,
        subject: reply.subject,
        text: reply.text,
        messageId: `<${reply.deliveryId}@ugov.delivery>`,
        headers: { 'X-Ugov-Tracking-Number': reply.trackingNumber },
      });
      return `${info.messageId} ${info.response}`.trim();
    } catch (failure) {
      // nodemailer's errors may quote the recipient: keep only the kind of failure.
      const error = failure as { code?: string; responseCode?: number };
      throw new Error(`the SMTP server refused or failed: ${error.code ?? 'error'}${error.responseCode ? ` ${error.responseCode}` : ''}`);
    }
  }

  /** Connects, greets with EHLO (and authenticates when a user is configured), and quits: nothing is sent. */
  async probe(): Promise<ChannelProbe> {
    if (!this.transport || !this.smtp) return { configured: false };
    try {
      await this.transport.verify();
    } catch (failure) {
      const error = failure as { code?: string; responseCode?: number };
      throw new Error(`the SMTP server did not answer EHLO: ${error.code ?? 'error'}${error.responseCode ? ` ${error.responseCode}` : ''}`);
    }
    return { configured: true, detail: `EHLO ${this.smtp.host}:${this.smtp.port} accepted` };
  }

  close(): void {
    this.transport?.close();
  }
}
