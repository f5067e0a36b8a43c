import { deliveryMethodFor } from './delivery-method';

describe('deliveryMethodFor', () => {
  const phone = '13812345678';

  it('answers through the channel the request came from', () => {
    expect(deliveryMethodFor('open311', {})).toBe('open311');
    expect(deliveryMethodFor('email', { phone, email: 'a@example.cn' })).toBe('email');
    expect(deliveryMethodFor('mobile-app', { phone, pushToken: 't' })).toBe('push');
    expect(deliveryMethodFor('web-portal', { phone, callbackUrl: 'https://crm.example.cn/cb' })).toBe('webhook');
    expect(deliveryMethodFor('hotline-12345', { phone })).toBe('sms');
    expect(deliveryMethodFor('sms', { phone })).toBe('sms');
  });

  it('falls back to SMS when the channel has no contact of its own, and to nothing when there is none', () => {
    expect(deliveryMethodFor('email', { phone })).toBe('sms');
    expect(deliveryMethodFor('mobile-app', { phone })).toBe('sms');
    expect(deliveryMethodFor('kiosk', { email: 'a@example.cn' })).toBe('email');
    expect(deliveryMethodFor('kiosk', {})).toBeNull();
  });
});
