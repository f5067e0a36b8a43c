import { maskName, maskPhone } from './masking';

describe('masking personal data', () => {
  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('861******5678');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('hides all but the last two digits of a landline, which is too short to keep seven', () => {
    expect(maskPhone('8765432')).toBe('*****32');
    expect(maskPhone('0731-8765')).toBe('******65');
  });

  it('keeps only the first character of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
    expect(maskName('Ada Lovelace')).toBe('A***********');
  });
});
