import { toCsv, UTF8_BOM } from './csv';

describe('CSV', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what RFC 4180 says to quote', () => {
    const csv = toCsv(
      ['key', 'name', 'rate'],
      [
        ['a', '市住建局, "城建"', 0.5],
        ['b', '两行\n文本', null],
      ],
    );
    expect(csv).toBe(`${UTF8_BOM}key,name,rate\r\na,"市住建局, ""城建""",0.5\r\nb,"两行\n文本",\r\n`);
  });

  it('keeps a spreadsheet from reading text as a formula, and numbers as numbers', () => {
    expect(toCsv(['x', 'y'], [['=cmd()', -1]])).toBe(`${UTF8_BOM}x,y\r\n'=cmd(),-1\r\n`);
  });
});
