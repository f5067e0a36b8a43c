import { existsSync } from 'node:fs';
import { NameAddressTagger } from '../../apps/publication/src/domain/redaction/name-address-tagger';
import { Redactor } from '../../apps/publication/src/domain/redaction/redactor';
import { jiebaWordTagger } from '../../apps/publication/src/infra/redaction/jieba-word-tagger';
import { readTaggerModel } from '../../apps/publication/src/infra/redaction/tagger-model.file';
import { sharedDataPath } from './cluener';
import { readReplies } from './eval-redaction';
import { seededRandom } from './seeded-random';
import { SyntheticNumbers, type NumberType } from './synthetic-numbers';

// Real replies from ../shared/data/gov-messages (a sample: the whole file is for npm run eval:redaction), read when
// the shared data sits beside the project; a clone without it has nothing to read.
const withReplies = existsSync(sharedDataPath('gov-messages/replies.jsonl'));
const replies = withReplies ? readReplies().filter((_, index) => index % 10 === 0) : [];
const redactor = new Redactor(new NameAddressTagger(readTaggerModel(), jiebaWordTagger));

(withReplies ? describe : describe.skip)('redaction of real replies', () => {
  it('withholds every synthetic number put into a real reply, whole and with its type, wherever it is put', () => {
    const synthetic = new SyntheticNumbers(seededRandom(2026));
    const random = seededRandom(30);
    const types: NumberType[] = ['phone', 'id-number', 'bank-card', 'plate', 'email'];
    const missed: string[] = [];
    replies.forEach((reply, index) => {
      const type = types[index % types.length];
      const { before, value } = synthetic.phrase(type);
      const at = Math.floor(random() * (reply.reply.length + 1));
      // Anywhere, even inside a word; only never glued to a digit or a Latin letter, which would make another number.
      const left = reply.reply.slice(0, at).replace(/[0-9A-Za-z]+$/, '');
      const right = reply.reply.slice(at).replace(/^[0-9A-Za-z]+/, '');
      const text = `${left}${before}${value}，${right}`;
      const start = left.length + before.length;
      // Whole: a span of its type covers it (it may take in a neighbouring character, as 0000-me@qq.com does the dash and digits).
      const found = redactor.detect(text).some((span) => span.type === type && span.start <= start && span.end >= start + value.length);
      if (!found) missed.push(`${type}: …${text.slice(Math.max(0, start - 6), start + value.length + 4)}…`);
    });
    expect(missed).toEqual([]);
  });

  it('finds the phone numbers the replies give, and no ID number or bank card where there is none', () => {
    const counts = new Map<string, number>();
    for (const reply of replies) for (const span of redactor.detect(reply.reply)) counts.set(span.type, (counts.get(span.type) ?? 0) + 1);
    expect(counts.get('phone')).toBeGreaterThan(5);
    expect(counts.get('id-number')).toBeUndefined();
    expect(counts.get('bank-card')).toBeUndefined();
  });
});
