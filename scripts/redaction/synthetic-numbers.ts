/**
 * Synthetic personal numbers, random but well-formed (valid checksums), for measuring the number detectors
 * on real reply text. A seeded generator: every run measures the same sample.
 */
export type NumberType = 'phone' | 'id-number' | 'bank-card' | 'plate' | 'email';

export class SyntheticNumbers {
  constructor(private readonly random: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  private digits(count: number, first = '0123456789'): string {
    let text = this.pick([...first]);
    while (text.length < count) text += String(Math.floor(this.random() * 10));
    return text;
  }

  mobile(): string {
    const number = `1${this.pick([...'3456789'])}${this.digits(9)}`;
    return this.pick([
      number,
      number,
      `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`,
      `${number.slice(0, 3)}-${number.slice(3, 7)}-${number.slice(7)}`,
      `+86 ${number}`,
    ]);
  }

  landline(): string {
    const area = this.pick(['010', '020', '021', '0731', '0734', '0755', '0571', '029']);
    const local = this.digits(this.pick([7, 8]), '23456789');
    return this.pick([
      `${area}-${local}`,
      `${area}-${local}`,
      `（${area}）${local}`,
      `${area}${local}`,
      `${area}-${local}转${this.digits(3)}`,
    ]);
  }

  idNumber(): string {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const birth = new Date(Date.UTC(1940 + Math.floor(this.random() * 70), 0, 1 + Math.floor(this.random() * 365)));
    const date = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const body = `${this.digits(6, '1234568')}${date}${this.digits(3)}`;
    const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index], 0);
    return body + '10X98765432'[sum % 11];
  }

  bankCard(): string {
    const length = this.pick([16, 19, 19]);
    const body = `${this.pick(['622202', '621700', '622848', '625965', '436742', '955880'])}${this.digits(length - 7)}`;
    let sum = 0;
    for (let index = 0; index < body.length; index++) {
      let digit = Number(body[body.length - 1 - index]);
      if (index % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    const card = body + String((10 - (sum % 10)) % 10);
    return this.random() < 0.7 ? card : card.replace(/(\d{4})(?=\d)/g, '$1 ');
  }

  plate(): string {
    const province = this.pick([...'京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼']);
    const letter = this.pick([...'ABCDEFGHJKLMNPQRS']);
    const characters = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
    const tail = this.pick(['regular', 'regular', 'small-nev', 'large-nev']);
    if (tail === 'small-nev') return `${province}${letter}${this.pick(['D', 'F'])}${this.pick([...characters])}${this.digits(4)}`;
    if (tail === 'large-nev') return `${province}${letter}${this.digits(5)}${this.pick(['D', 'F'])}`;
    let rest = this.digits(2);
    while (rest.length < 5) rest += this.pick([...characters]);
    return `${province}${letter}${this.pick(['', '·'])}${[...rest].sort(() => this.random() - 0.5).join('')}`;
  }

  email(): string {
    const user = this.pick([this.digits(9, '123456789'), `user${this.digits(3)}`, `zhang.${this.digits(2)}`, `li_ming${this.digits(2)}`]);
    return `${user}@${this.pick(['qq.com', '163.com', '126.com', 'gmail.com', 'example.gov.cn', 'sina.com.cn'])}`;
  }

  /** A number of the type, with the words a citizen or a clerk might write before it (or none). */
  phrase(type: NumberType): { before: string; value: string } {
    const cue = (cues: string[]) => (this.random() < 0.3 ? '' : this.pick(cues));
    switch (type) {
      case 'phone':
        return this.random() < 0.6
          ? { before: cue(['联系电话：', '手机', '电话', '请拨打', '手机号码是']), value: this.mobile() }
          : { before: cue(['联系电话：', '座机', '电话', '请致电']), value: this.landline() };
      case 'id-number':
        return { before: cue(['身份证号：', '身份证号码', '证件号']), value: this.idNumber() };
      case 'bank-card':
        return { before: cue(['银行卡号：', '卡号', '账号']), value: this.bankCard() };
      case 'plate':
        return { before: cue(['车牌号', '车辆', '牌照为']), value: this.plate() };
      case 'email':
        return { before: cue(['邮箱：', '电子邮件', 'E-mail:']), value: this.email() };
    }
  }
}
