import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

/** A body whose bytes could not become text; the parser turns it into a problem. */
export class UndecodableBody extends Error {
  constructor(
    message: string,
    readonly problemCode: 'unsupported-charset' | 'invalid-encoding',
    readonly statusCode: 400 | 415,
  ) {
    super(message);
  }
}

/**
 * The charsets a body may be declared in, by their `charset=` labels, and the decoder each one gets. GBK and GB2312
 * are read as GB18030, their superset (as the WHATWG Encoding standard does): a gateway that says GBK but sends a
 * four-byte GB18030 sequence (a name with 𠀀, say) loses nothing. Big5 is read as Big5-HKSCS, its superset.
 */
const DECODER_OF_CHARSET: Readonly<Record<string, string>> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'x-gbk': 'gb18030',
  cp936: 'gb18030',
  big5: 'big5hkscs',
  'big5-hkscs': 'big5hkscs',
  'cn-big5': 'big5hkscs',
  'x-x-big5': 'big5hkscs',
};

export const ACCEPTED_CHARSETS = ['utf-8', 'gb18030', 'gbk', 'gb2312', 'big5', 'big5-hkscs'] as const;

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);
/** What iconv-lite puts where bytes have no character: a body holding it was not what its charset says. */
const REPLACEMENT_CHARACTER = '\ufffd';

/** The charset parameter of a Content-Type header (quoted or not), lower-cased; undefined when there is none. */
export function charsetOf(contentType: string): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  return match ? (match[1] ?? match[2]).toLowerCase() : undefined;
}

/**
 * The text of `body` in its declared charset (UTF-8 when none is declared), as UTF-8 from then on. Bytes that are
 * not valid in that charset refuse the body: nothing is ever stored as mojibake or with U+FFFD in place of a character.
 */
export function decodeBody(body: Buffer, charset = 'utf-8'): string {
  const decoder = DECODER_OF_CHARSET[charset];
  if (!decoder) {
    throw new UndecodableBody(`charset ${charset} is not accepted: send ${ACCEPTED_CHARSETS.join(', ')}`, 'unsupported-charset', 415);
  }
  if (decoder === 'utf8') {
    // isUtf8 is native and checks without decoding; the text is then decoded once. A byte-order mark is dropped.
    if (!isUtf8(body)) throw new UndecodableBody('the body is not valid UTF-8', 'invalid-encoding', 400);
    return (body.subarray(0, 3).equals(BYTE_ORDER_MARK) ? body.subarray(3) : body).toString('utf8');
  }
  const text = iconv.decode(body, decoder, { stripBOM: true });
  if (text.includes(REPLACEMENT_CHARACTER)) {
    const at = text.indexOf(REPLACEMENT_CHARACTER);
    throw new UndecodableBody(
      `the body is not valid ${charset}: it holds bytes that are no character in that charset (after "${text.slice(Math.max(0, at - 10), at)}")`,
      'invalid-encoding',
      400,
    );
  }
  return text;
}
