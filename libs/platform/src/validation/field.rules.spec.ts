import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { codePointLength, codeProblemOf, CodeField, TextField, textProblemOf, timeProblemOf } from './field.rules';

const singleLine = { maxLength: 5 };
const multiline = { maxLength: 5, multiline: true };

describe('the text rule', () => {
  it('accepts ordinary text, including characters outside the BMP', () => {
    expect(textProblemOf('name', '张三', singleLine)).toBeUndefined();
    expect(textProblemOf('name', '😀😀😀😀😀', singleLine)).toBeUndefined();
    expect(textProblemOf('text', '第一行\n\t第二行\r\n', { maxLength: 100, multiline: true })).toBeUndefined();
  });

  it('needs a string', () => {
    expect(textProblemOf('name', undefined, singleLine)).toBe('name is required');
    expect(textProblemOf('name', null, singleLine)).toBe('name is required');
    expect(textProblemOf('name', 42, singleLine)).toBe('name must be a string');
    expect(textProblemOf('name', ['a'], singleLine)).toBe('name must be a string');
  });

  it('counts code points, not UTF-16 units', () => {
    expect(codePointLength('a😀长')).toBe(3);
    expect(codePointLength('x'.repeat(1000), 5)).toBe(6);
    expect(textProblemOf('name', '😀'.repeat(6), singleLine)).toBe('name must be at most 5 characters long');
    expect(textProblemOf('name', 'abcdef', singleLine)).toBe('name must be at most 5 characters long');
  });

  it('counts code points as the string iterator does, lone surrogates included, and stops one past the limit', () => {
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xd83d, 0xde00, 0xd800, 0xdfff)), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 50 }), (codes, limit) => {
        const text = String.fromCharCode(...codes);
        const length = [...text].length;
        expect(codePointLength(text)).toBe(length);
        expect(codePointLength(text, limit)).toBe(Math.min(length, limit + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses unpaired surrogates, which PostgreSQL would turn into U+FFFD', () => {
    expect(textProblemOf('name', 'a\ud800', singleLine)).toBe('name must be well-formed Unicode, but holds an unpaired surrogate U+D800');
    expect(textProblemOf('name', '\udc00a', singleLine)).toMatch(/unpaired surrogate U\+DC00/);
    expect(textProblemOf('name', '\ude00\ud83d', singleLine)).toMatch(/unpaired surrogate/);
  });

  it('refuses every control character in a single line, and all but tab and line breaks in multi-line text', () => {
    for (const control of ['\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029']) {
      expect(textProblemOf('name', `a${control}b`, singleLine)).toMatch(/^name must not contain the control character U\+/);
    }
    expect(textProblemOf('name', 'a\u0000b', singleLine)).toBe(
      'name must not contain the control character U+0000 (it is a single line of text)',
    );
    for (const control of ['\u0000', '\u0008', '\u000b', '\u000c', '\u007f', '\u0085']) {
      expect(textProblemOf('text', `a${control}b`, multiline)).toMatch(
        /^text must not contain the control character .* \(tabs and line breaks/,
      );
    }
  });

  it('refuses empty text and text that only looks empty', () => {
    for (const blank of ['', ' ', '\u3000\u00a0', '\u200b\ufeff']) {
      expect(textProblemOf('name', blank, singleLine)).toBe('name must not be empty or only whitespace');
    }
    expect(textProblemOf('text', '\n\t\r\n', multiline)).toBe('text must not be empty or only whitespace');
  });
});

describe('the code rule', () => {
  it('accepts catalog codes and refuses anything else', () => {
    expect(codeProblemOf('code', 'city-housing')).toBeUndefined();
    expect(codeProblemOf('code', 'urban.street-lighting')).toBeUndefined();
    for (const bad of ['', 'City', 'a\u0000', '-a', 'a'.repeat(65), 7]) expect(codeProblemOf('code', bad)).toMatch(/^code must be a code/);
    expect(codeProblemOf('code', undefined)).toBe('code is required');
  });
});

describe('the time rule', () => {
  it('accepts ISO 8601 instants with a time zone and refuses anything else', () => {
    for (const good of ['2026-12-01T18:00:00+08:00', '2026-12-01T10:00:00.123Z', '2026-12-01T10:00Z'])
      expect(timeProblemOf('at', good)).toBeUndefined();
    for (const bad of ['2026-12-01', '2026-12-01T18:00:00', '2026-13-45T99:00:00Z', 'tomorrow', 1764576000000])
      expect(timeProblemOf('at', bad)).toMatch(/^at must be a time in ISO 8601/);
    expect(timeProblemOf('at', null)).toBe('at is required');
  });
});

describe('the decorators', () => {
  class Note {
    @TextField({ maxLength: 10, multiline: true })
    text: string;

    @TextField({ maxLength: 3, optional: true })
    title?: string;

    @CodeField({ optional: true })
    categoryCode?: string;
  }

  const problemsOf = (plain: object) =>
    validateSync(plainToInstance(Note, plain)).flatMap((error) =>
      Object.values(error.constraints ?? {}).map((reason) => `${error.property}: ${reason}`),
    );

  it('give each bad field its reason and let optional fields be absent', () => {
    expect(problemsOf({ text: 'ok' })).toEqual([]);
    expect(problemsOf({ text: 'ok', title: null })).toEqual([]);
    expect(problemsOf({ text: 'a\u0000', title: 'long', categoryCode: 'No' })).toEqual([
      'text: text must not contain the control character U+0000 (tabs and line breaks are fine)',
      'title: title must be at most 3 characters long',
      'categoryCode: categoryCode must be a code of lower-case letters, digits, dots and dashes, at most 64 characters',
    ]);
    expect(problemsOf({})).toEqual(['text: text is required']);
  });
});
