import { isResidentIdNumber, normalisedIdNumber, normalisedPhone } from './personal-data';

describe('personal data in the form lookups compare', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['0731-8888 1234', '073188881234'],
    ['+86 731 88881234', '73188881234'],
  ])('writes the phone %s as %s', (phone, expected) => {
    expect(normalisedPhone(phone)).toBe(expected);
  });

  it('keeps a short number that merely starts with 86 as it is', () => {
    expect(normalisedPhone('86123456')).toBe('86123456');
  });

  it('upper-cases the check letter of an ID number', () => {
    expect(normalisedIdNumber(' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('accepts ID numbers whose check character is right, and refuses the rest', () => {
    expect(isResidentIdNumber('11010519491231002X')).toBe(true);
    expect(isResidentIdNumber('11010519491231002x')).toBe(true);
    expect(isResidentIdNumber('110105194912310021')).toBe(false);
    expect(isResidentIdNumber('1101051949123100')).toBe(false);
  });
});
