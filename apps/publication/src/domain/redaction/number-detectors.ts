import { spansOf, type RedactionSpan } from './redaction-span';

// Numbers are matched on ASCII and full-width digits alike (１３８… is as readable as 138…).
const D = '[0-9０-９]';
const NOT_DIGIT_BEFORE = '(?<![0-9０-９])';
const NOT_DIGIT_AFTER = '(?![0-9０-９])';

/** The ASCII digits of a number written with ASCII or full-width digits and separators. */
export function digitsOf(text: string): string {
  return text
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9Xx]/g, '')
    .toUpperCase();
}

/** Mobile numbers (1[3-9]x, with or without +86 and separators) and landlines with an area code, with an extension. */
const MOBILE = new RegExp(`${NOT_DIGIT_BEFORE}(?:(?:\\+|00)?86[\\s-]?)?[1１][3-9３-９]${D}(?:[\\s-]?${D}){8}${NOT_DIGIT_AFTER}`, 'g');
const AREA_CODE = `(?:[(（]0[1-9]${D}{1,2}[)）]\\s?|0[1-9]${D}{1,2}[\\s-]?)`;
/** A local number, whole or split in two (8888 9999, 888-9999). */
const LOCAL = `[2-9]${D}{2,3}[\\s-]?${D}{4}`;
const EXTENSION = `(?:(?:转|-|ext\\.?\\s?)${D}{1,5})?`;
const LANDLINE = new RegExp(`${NOT_DIGIT_BEFORE}${AREA_CODE}${LOCAL}${EXTENSION}${NOT_DIGIT_AFTER}`, 'g');
/** A local number without its area code is a phone only where the words before it say so; bare, it could be an amount. */
const CUED_LOCAL = new RegExp(
  `(?<=(?:电话|手机|座机|联系方式|号码|热线|致电|拨打|[Tt][Ee][Ll])[：:\\s是为]{0,3})${LOCAL}${EXTENSION}${NOT_DIGIT_AFTER}`,
  'g',
);

export function phoneSpans(text: string): RedactionSpan[] {
  return [...spansOf(text, MOBILE, 'phone'), ...spansOf(text, LANDLINE, 'phone'), ...spansOf(text, CUED_LOCAL, 'phone')];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function isDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A resident identity number of GB 11643: 18 characters with a real birth date and the ISO 7064 MOD 11-2 check character, or the old 15-digit form. */
export function isIdNumber(candidate: string): boolean {
  const id = digitsOf(candidate);
  if (/^[1-8]\d{16}[\dX]$/.test(id)) {
    if (!isDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return false;
    const sum = ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
    return ID_CHECK[sum % 11] === id[17];
  }
  if (/^[1-8]\d{14}$/.test(id)) return isDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
  return false;
}

/** 15 or 18 characters, whole or split after the region and after the birth date (430102 19900307 1234). */
const ID_NUMBER = new RegExp(
  `(?<![0-9０-９A-Za-z])[1-8]${D}{5}(?:[\\s-]?${D}{8}[\\s-]?${D}{3}[0-9０-９Xx]|${D}{9})(?![0-9０-９A-Za-z])`,
  'g',
);

export function idNumberSpans(text: string): RedactionSpan[] {
  return spansOf(text, ID_NUMBER, 'id-number', (match) => isIdNumber(match[0]));
}

/** The Luhn check of payment card numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** 16 to 19 digits, whole or in groups; card schemes used in China start with 3, 4, 5, 6 (UnionPay 62) or 9. */
const BANK_CARD = new RegExp(`${NOT_DIGIT_BEFORE}[3-69３-６９]${D}{3}(?:[\\s-]?${D}{4}){3}(?:[\\s-]?${D}{1,3})?${NOT_DIGIT_AFTER}`, 'g');

export function bankCardSpans(text: string): RedactionSpan[] {
  return spansOf(text, BANK_CARD, 'bank-card', (match) => {
    const digits = digitsOf(match[0]);
    return digits.length >= 16 && digits.length <= 19 && passesLuhn(digits) && !isIdNumber(digits);
  });
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function emailSpans(text: string): RedactionSpan[] {
  return spansOf(text, EMAIL, 'email');
}

const PROVINCE = '[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]';
const PLATE_LETTER = '[A-HJ-NP-Za-hj-np-z]';
const PLATE_CHARACTER = '[A-HJ-NP-Za-hj-np-z0-9]';
/** Vehicle plates: province, issuing letter, then five characters (the last may be 挂学警港澳), or six on new-energy plates (D/F first or last). */
const PLATE = new RegExp(
  `${PROVINCE}\\s?${PLATE_LETTER}[·•.\\s-]?(?:[DFdf]${PLATE_CHARACTER}\\d{4}|\\d{5}[DFdf]|${PLATE_CHARACTER}{4}[A-HJ-NP-Za-hj-np-z0-9挂学警港澳])(?![A-Za-z0-9])`,
  'g',
);

export function plateSpans(text: string): RedactionSpan[] {
  // A real plate has digits in it; five letters after a province are more likely an English word.
  return spansOf(text, PLATE, 'plate', (match) => /\d/.test(match[0]));
}
