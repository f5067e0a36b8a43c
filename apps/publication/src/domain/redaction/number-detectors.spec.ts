import { bankCardSpans, emailSpans, idNumberSpans, isIdNumber, passesLuhn, phoneSpans, plateSpans } from './number-detectors';
import type { RedactionSpan } from './redaction-span';

const found = (text: string, spans: RedactionSpan[]) => spans.map((span) => text.slice(span.start, span.end));

describe('phone numbers', () => {
  it.each([
    ['请联系13812345678。', '13812345678'],
    ['手机：138 1234 5678', '138 1234 5678'],
    ['手机：138-1234-5678', '138-1234-5678'],
    ['号码+86 139-0000-1111', '+86 139-0000-1111'],
    ['全角１３９００００１１１１号', '１３９００００１１１１'],
    ['电话0731-88889999', '0731-88889999'],
    ['电话（0731）88889999转123', '（0731）88889999转123'],
    ['致电010 62751234', '010 62751234'],
    ['联系电话：88889999', '88889999'],
    ['电话0731 8888 9999', '0731 8888 9999'],
    ['座机：888-9999', '888-9999'],
  ])('finds the phone in %s', (text, phone) => {
    expect(found(text, phoneSpans(text))).toEqual([phone]);
  });

  it.each([
    '投资20000000元',
    '市民热线12345',
    '网友“A00045581”',
    '编号UG20261122000001',
    '电话0000-00000000（发布者已遮蔽）',
    '12812345678不是手机号',
    '138123456789多了一位',
  ])('finds no phone in %s', (text) => {
    expect(phoneSpans(text)).toEqual([]);
  });
});

describe('ID numbers', () => {
  it('checks the GB 11643 check character and the birth date', () => {
    expect(isIdNumber('11010519491231002X')).toBe(true);
    expect(isIdNumber('11010519491231002x')).toBe(true);
    expect(isIdNumber('430102199003071234')).toBe(true);
    expect(isIdNumber('430102199003071235')).toBe(false);
    expect(isIdNumber('430102199002301234')).toBe(false);
    expect(isIdNumber('430102900307123')).toBe(true);
    expect(isIdNumber('430102901307123')).toBe(false);
  });

  it('finds ID numbers in text, not longer numbers that contain one', () => {
    const text =
      '身份证号11010519491231002X，另号430102 19900307 1234；错号430102199003071235；长号4301021990030712341；旧号430102900307123';
    expect(found(text, idNumberSpans(text))).toEqual(['11010519491231002X', '430102 19900307 1234', '430102900307123']);
  });
});

describe('bank cards', () => {
  it('uses the Luhn check', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });

  it('finds whole and grouped card numbers that pass Luhn, and not ID numbers', () => {
    const text = '卡号6222021234567890128，或6217 0012 3456 7890 122，错卡6222021234567890127，身份证430102199003071234';
    expect(found(text, bankCardSpans(text))).toEqual(['6222021234567890128', '6217 0012 3456 7890 122']);
  });
});

describe('e-mails and plates', () => {
  it('finds e-mail addresses', () => {
    const text = '发送至zhang.san+case@mail.example.com.cn或12345@qq.com。';
    expect(found(text, emailSpans(text))).toEqual(['zhang.san+case@mail.example.com.cn', '12345@qq.com']);
  });

  it('finds plates, new-energy ones included', () => {
    const text = '车辆湘A12345、湘A·8B2C1、粤BD12345、京A12345F、沪 B 1234D和苏E1234挂停在路边';
    expect(found(text, plateSpans(text))).toEqual(['湘A12345', '湘A·8B2C1', '粤BD12345', '京A12345F', '沪 B 1234D', '苏E1234挂']);
  });

  it('finds no plate in words or in plates with I or O', () => {
    expect(plateSpans('湘ABCDEF公司、粤IO12345')).toEqual([]);
  });
});
