/**
 * CSV as RFC 4180 writes it (CRLF line ends; a field with a comma, a quote or a line break quoted, quotes doubled),
 * preceded by a UTF-8 byte-order mark so that Excel reads Chinese text right. A text field that a spreadsheet would
 * take for a formula (= + - @ at the start) gets a leading apostrophe; numbers are written as they are.
 */
export type CsvValue = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return UTF8_BOM + [header, ...rows].map((row) => row.map(field).join(',') + '\r\n').join('');
}
