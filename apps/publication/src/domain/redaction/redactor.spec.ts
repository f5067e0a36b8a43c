import { jiebaWordTagger } from '../../infra/redaction/jieba-word-tagger';
import { readTaggerModel } from '../../infra/redaction/tagger-model.file';
import { NameAddressTagger } from './name-address-tagger';
import { Redactor } from './redactor';

// The shipped model: these are the cases a reviewer must be able to rely on.
const redactor = new Redactor(new NameAddressTagger(readTaggerModel(), jiebaWordTagger));

describe('Redactor', () => {
  it('withholds every kind of personal data with its own mask, offsets in the input', () => {
    const text = '市民张伟（身份证11010519491231002X，手机13812345678）住景蓉华苑3栋2单元501室，车牌湘A12345，邮箱zw@qq.com。';
    const { text: redacted, spans } = redactor.redact(text);
    expect(redacted).toBe('市民【姓名】（身份证【身份证号】，手机【电话】）住【地址】，车牌【车牌】，邮箱【邮箱】。');
    expect(spans.map((span) => [span.type, text.slice(span.start, span.end)])).toEqual([
      ['name', '张伟'],
      ['id-number', '11010519491231002X'],
      ['phone', '13812345678'],
      ['address', '景蓉华苑3栋2单元501室'],
      ['plate', '湘A12345'],
      ['email', 'zw@qq.com'],
    ]);
  });

  it('finds a name before a title from the surname list', () => {
    const text = '感谢您向胡华衡书记留言';
    expect(redactor.redact(text).text).toBe('感谢您向【姓名】书记留言');
  });

  it('keeps place names that locate no dwelling, and gives censor rules their reason', () => {
    const text = 'A市A2区人民路的路灯已修复，见内部〔2026〕3号。';
    const { text: redacted, spans } = redactor.redact(text, [
      { scope: 'site', kind: 'pattern', text: '内部〔\\d{4}〕\\d+号', reason: '内部过程信息' },
    ]);
    expect(redacted).toBe('A市A2区人民路的路灯已修复，见【已屏蔽】。');
    expect(spans).toEqual([{ type: 'censored', start: 16, end: 26, reason: '内部过程信息' }]);
  });

  it('keeps the whole building number when reaching back over the place name', () => {
    const text = '工作人员对31栋103号麻将馆进行了走访，反映景蓉华苑3栋的问题';
    expect(redactor.redact(text).text).toMatch(/^工作人员对【地址】(麻将馆)?进行了走访，反映【地址】的问题$/);
  });

  it('withholds two names side by side as two names', () => {
    const text = '本报记者季小舟胡金华北京报道';
    const { text: redacted, spans } = redactor.redact(text);
    expect(redacted).toBe('本报记者【姓名】【姓名】北京报道');
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['季小舟', '胡金华']);
  });

  it('takes no institution or position before a title for a name', () => {
    expect(redactor.redact('中国银行业研究中心主任郭田勇指出').text).toBe('中国银行业研究中心主任【姓名】指出');
    expect(redactor.redact('清华大学法学院教授王振民透露').text).toBe('清华大学法学院教授【姓名】透露');
  });

  it('takes no word holding a character no name holds for a name, and keeps the name cut from one', () => {
    expect(redactor.redact('建议您持营业执照和许可证到窗口办理').spans).toEqual([]);
    expect(redactor.redact('居民的幸福感和安全感不断提升').spans).toEqual([]);
    expect(redactor.redact('经调查，李保海处已整改').text).toBe('经调查，【姓名】处已整改');
  });

  it('takes no document number for a name', () => {
    expect(redactor.redact('根据长县政发〔2018〕12号文件').spans).toEqual([]);
    expect(redactor.redact('（长县交发［2013］5号）').spans).toEqual([]);
  });

  it('leaves text without personal data as it is', () => {
    const text = '经核实，该路段路灯已于今日修复。';
    expect(redactor.redact(text)).toEqual({ text, spans: [] });
  });
});
