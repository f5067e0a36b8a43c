import { ConfigError } from '@ugov/platform';
import { loadDeliveryConfig } from './delivery.config';

describe('loadDeliveryConfig', () => {
  it('takes nothing configured as no adapters, with the default retry schedule', () => {
    const config = loadDeliveryConfig({});
    expect(config.smsGateway).toBeUndefined();
    expect(config.retry).toEqual({ maxAttempts: 8, firstDelayMs: 5_000, maxDelayMs: 600_000 });
  });

  it('reads the gateways, SMTP and the integrators webhook secrets', () => {
    const config = loadDeliveryConfig({
      DELIVERY_SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms',
      DELIVERY_SMS_GATEWAY_TOKEN: 't',
      DELIVERY_SMTP_HOST: '127.0.0.1',
      DELIVERY_SMTP_PORT: '2525',
      DELIVERY_SMTP_FROM: 'noreply@12345.example.cn',
      DELIVERY_WEBHOOK_SECRETS: 'crm:0123456789abcdef0123',
    });
    expect(config.smsGateway).toEqual({ url: 'http://127.0.0.1:9/sms', token: 't' });
    expect(config.smtp).toMatchObject({ host: '127.0.0.1', port: 2525, secure: false });
    expect(config.webhookSecrets.get('crm')).toBe('0123456789abcdef0123');
  });

  it('names every wrong setting', () => {
    const load = () =>
      loadDeliveryConfig({ DELIVERY_SMS_GATEWAY_URL: 'ftp://x', DELIVERY_SMTP_HOST: 'mail', DELIVERY_SMTP_PORT: '70000', DELIVERY_MAX_ATTEMPTS: '0' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/DELIVERY_SMS_GATEWAY_URL: must be an http\(s\) URL/);
    expect(load).toThrow(/DELIVERY_SMS_GATEWAY_TOKEN: required/);
    expect(load).toThrow(/DELIVERY_SMTP_PORT/);
    expect(load).toThrow(/DELIVERY_SMTP_FROM: required/);
    expect(load).toThrow(/DELIVERY_MAX_ATTEMPTS/);
  });
});
