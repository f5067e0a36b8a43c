import * as iconv from 'iconv-lite';
import { BodyRefused, MAX_JSON_DEPTH, parseFormBody, parseJsonBody } from './strict-json.parser';

const json = 'application/json';

function refusal(body: string | Buffer, contentType = json): Pick<BodyRefused, 'statusCode' | 'problemCode'> | undefined {
  try {
    parseJsonBody(Buffer.isBuffer(body) ? body : Buffer.from(body), contentType);
    return undefined;
  } catch (error) {
    const { statusCode, problemCode } = error as BodyRefused;
    return { statusCode, problemCode };
  }
}

describe('parseJsonBody', () => {
  it('reads a JSON object sent as UTF-8, whatever the charset is spelled like', () => {
    expect(parseJsonBody(Buffer.from('{"name":"张三"}'), json)).toEqual({ name: '张三' });
    for (const contentType of [
      'application/json; charset=UTF-8',
      'application/json;charset="utf-8"',
      'application/problem+json; charset=utf8',
    ]) {
      expect(refusal('{}', contentType)).toBeUndefined();
    }
  });

  it('transcodes GBK, GB18030 and Big5 to UTF-8, keeping characters outside the BMP', () => {
    const encoded = (text: string, charset: string) => iconv.encode(text, charset);
    expect(parseJsonBody(encoded('{"name":"张三","d":"路灯坏了"}', 'gbk'), 'application/json; charset=GBK')).toEqual({
      name: '张三',
      d: '路灯坏了',
    });
    expect(parseJsonBody(encoded('{"name":"𠀀王"}', 'gb18030'), 'application/json; charset=gb18030')).toEqual({ name: '𠀀王' });
    // A gateway that says GBK but sends GB18030's four-byte sequences loses nothing: GBK is read as its superset.
    expect(parseJsonBody(encoded('{"name":"𠀀王"}', 'gb18030'), 'application/json; charset=gbk')).toEqual({ name: '𠀀王' });
    // 許功蓋: Big5 trail bytes that are a backslash in ASCII, which must not escape the JSON string.
    expect(parseJsonBody(encoded('{"d":"許功蓋 繁體"}', 'big5'), 'application/json; charset="Big5"')).toEqual({ d: '許功蓋 繁體' });
  });

  it('refuses bytes that are not valid in the declared charset, naming it, rather than store mojibake', () => {
    const gbk = (hex: string) => Buffer.concat([Buffer.from('{"d":"'), Buffer.from(hex, 'hex'), Buffer.from('"}')]);
    expect(refusal(gbk('c4e3ffff'), 'application/json; charset=gbk')).toEqual({ statusCode: 400, problemCode: 'invalid-encoding' });
    expect(refusal(gbk('c4'), 'application/json; charset=gb18030')).toEqual({ statusCode: 400, problemCode: 'invalid-encoding' });
    expect(refusal(gbk('ff'), 'application/json; charset=big5')).toEqual({ statusCode: 400, problemCode: 'invalid-encoding' });
    expect(() => parseJsonBody(gbk('c4e3ffff'), 'application/json; charset=gbk')).toThrow(/not valid gbk/);
  });

  it('refuses other charsets and media types with 415', () => {
    for (const charset of ['latin1', 'utf-16', '"iso-8859-1"', 'shift_jis']) {
      expect(refusal('{}', `application/json; charset=${charset}`)).toEqual({ statusCode: 415, problemCode: 'unsupported-charset' });
    }
    expect(refusal('{}', 'application/jsonx')).toEqual({ statusCode: 415, problemCode: 'unsupported-media-type' });
  });

  it('refuses bytes that are not UTF-8, and anything but a JSON object', () => {
    expect(refusal(Buffer.from([0x7b, 0x22, 0xc4, 0xe3, 0x22, 0x7d]))).toEqual({ statusCode: 400, problemCode: 'invalid-encoding' });
    for (const body of ['', '  \n', '{"a":', '[1]', '"text"', '42', 'null']) {
      expect(refusal(body)).toEqual({ statusCode: 400, problemCode: 'invalid-json' });
    }
  });

  it('refuses documents nested deeper than validation can safely walk', () => {
    const nested = (depth: number) => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);
    expect(refusal(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(refusal(nested(MAX_JSON_DEPTH + 1))).toEqual({ statusCode: 400, problemCode: 'invalid-json' });
    expect(refusal(`{"a":${'['.repeat(100000)}${']'.repeat(100000)}}`)).toEqual({ statusCode: 400, problemCode: 'invalid-json' });
  });

  it('refuses keys that would poison a prototype', () => {
    expect(refusal('{"a":{"__proto__":{"admin":true}}}')).toEqual({ statusCode: 400, problemCode: 'invalid-json' });
    expect(refusal('{"constructor":{"prototype":{"admin":true}}}')).toEqual({ statusCode: 400, problemCode: 'invalid-json' });
    expect(refusal('{"constructor":"a name"}')).toBeUndefined();
  });
});

describe('parseFormBody', () => {
  const form = 'application/x-www-form-urlencoded';

  it('reads names and values, keeping every value of a repeated name in order', () => {
    const fields = parseFormBody(
      Buffer.from(
        'api_key=k&service_code=environment.noise&attribute%5BSOURCE%5D%5B%5D=traffic&attribute%5BSOURCE%5D%5B%5D=business&description=a+b%2Bc&empty=',
      ),
      form,
    );
    expect({ ...fields }).toEqual({
      api_key: 'k',
      service_code: 'environment.noise',
      'attribute[SOURCE][]': ['traffic', 'business'],
      description: 'a b+c',
      empty: '',
    });
  });

  it('decodes percent-encoded bytes in the declared charset (UTF-8 by default), and refuses invalid ones', () => {
    expect(parseFormBody(Buffer.from(`first_name=${encodeURIComponent('𠀀王')}`), form).first_name).toBe('𠀀王');
    const gbk = [...iconv.encode('路灯坏了', 'gbk')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
    expect(parseFormBody(Buffer.from(`description=${gbk}`), `${form}; charset=gbk`).description).toBe('路灯坏了');
    expect(() => parseFormBody(Buffer.from('description=%C4%E3%FF'), `${form}; charset=gbk`)).toThrow(/not valid gbk/);
    expect(() => parseFormBody(Buffer.from('description=%C4'), form)).toThrow(/not valid UTF-8/);
    expect(() => parseFormBody(Buffer.from('description=%zz'), form)).toThrow(/two hex digits/);
    expect(() => parseFormBody(Buffer.from('__proto__=x'), form)).toThrow(/__proto__/);
  });
});
