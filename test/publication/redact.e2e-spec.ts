import { ServiceStack } from '@ugov/testing';
import { call, KEYS } from '../u-loop/http';

/** POST /v1/redact through the real HTTP server of a publication process (with its database and broker). */
describe('POST /v1/redact', () => {
  const stack = new ServiceStack({ services: ['publication'] });

  beforeAll(async () => {
    await stack.start();
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('gives the redacted text and the withheld spans in UTF-16 offsets of the input', async () => {
    const text = '😀市民张伟（手机138 1234 5678，身份证11010519491231002X）反映景蓉华苑3栋2单元501室漏水，邮箱zw@qq.com。';
    const response = await call(stack, 'publication', 'POST', '/v1/redact', KEYS.department('a2-housing'), { text });
    expect(response.status).toBe(200);
    expect(response.body.text).toBe('😀市民【姓名】（手机【电话】，身份证【身份证号】）反映【地址】漏水，邮箱【邮箱】。');
    expect(
      response.body.spans.map((span: { type: string; start: number; end: number }) => [span.type, text.slice(span.start, span.end)]),
    ).toEqual([
      ['name', '张伟'],
      ['phone', '138 1234 5678'],
      ['id-number', '11010519491231002X'],
      ['address', '景蓉华苑3栋2单元501室'],
      ['email', 'zw@qq.com'],
    ]);
    expect(response.body.spans[0].start).toBe(4);
  });

  it('is open to oversight staff, closed to integrators and to callers without a key', async () => {
    expect((await call(stack, 'publication', 'POST', '/v1/redact', KEYS.supervisor, { text: '路灯已修复' })).body).toEqual({
      text: '路灯已修复',
      spans: [],
    });
    expect((await call(stack, 'publication', 'POST', '/v1/redact', KEYS.portal, { text: '路灯已修复' })).status).toBe(403);
    expect((await call(stack, 'publication', 'POST', '/v1/redact', undefined, { text: '路灯已修复' })).status).toBe(401);
  });

  it.each([
    ['missing', {}, 'text is required'],
    ['not a string', { text: 42 }, 'text must be a string'],
    ['blank', { text: ' \u3000 ' }, 'text must not be empty or only whitespace'],
    ['too long', { text: '长'.repeat(20001) }, 'text must be at most 20000 characters long'],
    ['with a control character', { text: 'a\u0000b' }, 'text must not contain the control character U+0000'],
  ])('answers problem+json naming text when it is %s', async (_what, body, reason) => {
    // In English: problems default to zh-Hans.
    const response = await call(stack, 'publication', 'POST', '/v1/redact', KEYS.supervisor, body, { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ field: 'text', reason: expect.stringContaining(reason) }]);
  });
});
