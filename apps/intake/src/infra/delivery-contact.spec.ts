import { SubmitCaseCommand } from '../submit-case/submit-case.command';
import { deliveryContactOf } from './delivery-contact';

const request = { type: 'complaint', channel: 'sms', description: '路灯不亮', requester: { name: '张三', phone: '13812345678', idNumber: '11010519491231002X' } } as const;

describe('deliveryContactOf', () => {
  it('keeps the phone and the language, never the name or the ID number', () => {
    const contact = deliveryContactOf(new SubmitCaseCommand('portal', request));
    expect(contact).toEqual({ phone: '13812345678', language: 'zh-Hans' });
    expect(JSON.stringify(contact)).not.toMatch(/张三|11010519491231002X/);
  });

  it('carries the e-mail, the callback with its integrator, the push token and the language the request gave', () => {
    const delivery = { email: 'a@example.cn', callbackUrl: 'https://crm.example.cn/cb', pushToken: 'tok-1', language: 'en' } as const;
    expect(deliveryContactOf(new SubmitCaseCommand('crm', { ...request, delivery }))).toEqual({
      phone: '13812345678',
      email: 'a@example.cn',
      callbackUrl: 'https://crm.example.cn/cb',
      integrator: 'crm',
      pushToken: 'tok-1',
      language: 'en',
    });
  });

  it('delivers to the callback number instead of the phone when the request gave one', () => {
    expect(deliveryContactOf(new SubmitCaseCommand('hotline', { ...request, delivery: { phone: '13900001111' } })).phone).toBe('13900001111');
  });
});
