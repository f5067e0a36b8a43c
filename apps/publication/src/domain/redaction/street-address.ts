import type { RedactionSpan } from './redaction-span';

const NUMBER = '[0-9０-９A-Za-z一二三四五六七八九十百零〇两]+(?:[-－—][0-9０-９]+)?';
const UNIT = '(?:号楼|号院|号|栋|幢|座|单元|楼|层|室|房|组)';
/** A run of numbered parts: 12号3栋2单元501室, 5栋, 二单元, 七组. */
const NUMBERED_PARTS = new RegExp(`(?:${NUMBER}\\s?${UNIT})+`, 'g');
/** A numbered building, entrance or room locates a dwelling; 两室 in words counts rooms instead. */
const DWELLING_UNIT = /[0-9０-９A-Za-z]\s?(?:号楼|号院|栋|幢|单元|室|房)/;
/** Words before a number that make it a count (共4栋, 剩余1栋, 有116户), not the number of a building. */
const COUNT_BEFORE = /(?:共|计|约|近|有|余|剩|另|了|建|各|每|仅|只|达)$/;
/** A house number (号) or a village group (组) locates a dwelling after a road, lane or village name. */
const STREET_BEFORE = /(?:路|街|道|巷|弄|里|村|胡同|大道|社区|小区|苑|园)$/;
/** The name before the numbers reaches back to a break: punctuation, a space, or a word that ends a phrase. */
const NAME_CHARACTER = /[\p{Script=Han}A-Za-z0-9０-９]/u;
const PHRASE_BREAK = /[在住于的是到至和与及向从将把对为该这那此其我你他她有了就也都已被让给系等]/;
const LONGEST_NAME = 16;

/**
 * Addresses down to building and room, found by their numbered tail (…路12号, …小区3栋2单元501室, …村七组)
 * and reaching back over the place name before it. A place name alone (a district, a road) is not withheld:
 * a reply needs it to be understood.
 */
export function streetAddressSpans(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  NUMBERED_PARTS.lastIndex = 0;
  for (let match = NUMBERED_PARTS.exec(text); match; match = NUMBERED_PARTS.exec(text)) {
    let start = match.index;
    while (start > 0 && match.index - start < LONGEST_NAME && NAME_CHARACTER.test(text[start - 1]) && !PHRASE_BREAK.test(text[start - 1]))
      start--;
    const place = text.slice(start, match.index);
    const parts = match[0];
    const unitCount = parts.match(new RegExp(UNIT, 'g'))!.length;
    const counted = COUNT_BEFORE.test(text.slice(Math.max(0, match.index - 2), match.index));
    const locatesDwelling = !counted && (DWELLING_UNIT.test(parts) || STREET_BEFORE.test(place) || unitCount >= 2);
    if (locatesDwelling) spans.push({ type: 'address', start, end: match.index + parts.length });
  }
  return spans;
}
