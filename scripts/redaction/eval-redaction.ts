/**
 * `npm run eval:redaction`: measures redaction, never on a sentence it was trained on.
 *  1. the name/address tagger on the held-out fold of CLUENER2020 (span-level P/R/F1 per type), and the
 *     whole redactor's recall of names there (exact spans, and characters of names masked);
 *  2. the number detectors on the real replies of ../shared/data/gov-messages with synthetic phone, ID,
 *     bank card, plate and e-mail numbers inserted;
 *  3. what the redactor finds in the real replies as they are (counts per type, a sample to check by eye);
 *  4. throughput, model load time and memory.
 *   --samples N   spot-check lines printed per type (default 12)
 *   --model PATH  another model file (default the shipped one)
 *   --tagger-only part 1 only
 *   --cross-validate K  also train K models, each without one fold, and measure each on its fold (one to two minutes a fold)
 */
import { readFileSync } from 'node:fs';
import { NameAddressTagger, type EntitySpan } from '../../apps/publication/src/domain/redaction/name-address-tagger';
import { Redactor } from '../../apps/publication/src/domain/redaction/redactor';
import { readTaggerModel } from '../../apps/publication/src/infra/redaction/tagger-model.file';
import { jiebaWordTagger } from '../../apps/publication/src/infra/redaction/jieba-word-tagger';
import { FOLDS, readCluener, sharedDataPath, splitCluener, type LabelledSentence } from './cluener';
import { countSpans, scoreLine, scoresOf, type SpanCounts, type TypedRange } from './span-scores';
import { DEFAULT_TRAINING, readSurnames, trainTagger } from './train-redaction';
import { seededRandom } from './seeded-random';
import { SyntheticNumbers, type NumberType } from './synthetic-numbers';

interface Reply {
  readonly id: string;
  readonly reply: string;
}

export function readReplies(): Reply[] {
  return readFileSync(sharedDataPath('gov-messages/replies.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Reply);
}

function printCounts(title: string, counts: Map<string, SpanCounts>): void {
  console.log(`\n${title}`);
  for (const [type, typeCounts] of [...counts].sort()) console.log(`  ${scoreLine(type, typeCounts)}`);
}

interface FoldResult {
  readonly tagged: Map<string, SpanCounts>;
  readonly redacted: Map<string, SpanCounts>;
  readonly names: number;
  readonly namesWhollyMasked: number;
}

function measureFold(heldOut: readonly LabelledSentence[], tagger: NameAddressTagger, redactor: Redactor): FoldResult {
  const tagged = new Map<string, SpanCounts>();
  const redacted = new Map<string, SpanCounts>();
  let names = 0;
  let namesWhollyMasked = 0;
  for (const sentence of heldOut) {
    countSpans(
      tagged,
      sentence.entities.filter((entity) => entity.type !== 'other'),
      tagger.tag(sentence.text),
    );
    const spans = redactor.detect(sentence.text);
    const masked = new Set(spans.flatMap((span) => Array.from({ length: span.end - span.start }, (_, offset) => span.start + offset)));
    for (const name of sentence.entities.filter((entity) => entity.type === 'name')) {
      names++;
      let covered = 0;
      for (let index = name.start; index < name.end; index++) if (masked.has(index)) covered++;
      if (covered === name.end - name.start) namesWhollyMasked++;
    }
    countSpans(
      redacted,
      sentence.entities.filter((entity) => entity.type === 'name'),
      spans.filter((span) => span.type === 'name'),
    );
  }
  return { tagged, redacted, names, namesWhollyMasked };
}

function evaluateTagger(tagger: NameAddressTagger, redactor: Redactor): void {
  const fold = Number(option('fold') ?? 0);
  const { heldOut, train } = splitCluener(readCluener(), fold);
  const result = measureFold(heldOut, tagger, redactor);
  console.log(`CLUENER2020: ${train.length} training sentences, ${heldOut.length} held out (fold ${fold} of 10 by a hash of the text)`);
  printCounts('1a. tagger alone on the held-out sentences (exact spans)', result.tagged);
  printCounts('1b. the redactor (tagger + rules) on names, exact spans', result.redacted);
  console.log(
    `  names wholly masked (every character): ${((result.namesWhollyMasked / result.names) * 100).toFixed(1)}% of ${result.names}`,
  );
}

/** Trains a model on nine folds and measures it on the tenth, for the first `folds` folds; prints each and the mean. */
function crossValidate(folds: number): void {
  const sentences = readCluener();
  const surnames = readSurnames();
  const rows: { type: string; precision: number; recall: number; f1: number }[] = [];
  console.log(`\ncross-validation over ${folds} of ${FOLDS} folds (a model trained anew on the other nine each time):`);
  for (let fold = 0; fold < folds; fold++) {
    const { train, heldOut } = splitCluener(sentences, fold);
    const model = trainTagger(train, surnames, { ...DEFAULT_TRAINING, heldOutFold: fold });
    const tagger = new NameAddressTagger(model, jiebaWordTagger);
    const result = measureFold(heldOut, tagger, new Redactor(tagger));
    const line = [
      ...[...result.tagged].sort().map(([type, counts]) => ({ type: `tagger ${type}`, ...scoresOf(counts) })),
      ...[...result.redacted].map(([type, counts]) => ({ type: `redactor ${type}`, ...scoresOf(counts) })),
    ];
    rows.push(...line);
    console.log(
      `  fold ${fold}: ${line.map((row) => `${row.type} P ${(row.precision * 100).toFixed(1)} R ${(row.recall * 100).toFixed(1)} F1 ${(row.f1 * 100).toFixed(1)}`).join(' | ')}`,
    );
  }
  for (const type of [...new Set(rows.map((row) => row.type))]) {
    const of = rows.filter((row) => row.type === type);
    const mean = (pick: (row: (typeof of)[number]) => number) =>
      ((of.reduce((total, row) => total + pick(row), 0) / of.length) * 100).toFixed(1);
    console.log(
      `  mean ${type.padEnd(15)} P ${mean((row) => row.precision)}%  R ${mean((row) => row.recall)}%  F1 ${mean((row) => row.f1)}%`,
    );
  }
}

const NUMBER_TYPES: NumberType[] = ['phone', 'id-number', 'bank-card', 'plate', 'email'];

function evaluateNumbers(redactor: Redactor, replies: readonly Reply[]): void {
  const synthetic = new SyntheticNumbers(seededRandom(11));
  const random = seededRandom(7);
  const counts = new Map<string, SpanCounts>(NUMBER_TYPES.map((type) => [type, { truePositives: 0, found: 0, expected: 0 }]));
  const countsBesideHeld = new Map<string, SpanCounts>(NUMBER_TYPES.map((type) => [type, { truePositives: 0, found: 0, expected: 0 }]));
  const misses: string[] = [];
  for (const [index, reply] of replies.entries()) {
    // Each reply gets two numbers, of types taken in turn, after a sentence or clause break (or at the end).
    let text = reply.reply;
    const expected: TypedRange[] = [];
    for (const type of [NUMBER_TYPES[index % 5], NUMBER_TYPES[(index + 2) % 5]]) {
      const breaks = [...text.matchAll(/[。，；！]/g)].map((match) => match.index! + 1);
      const at = breaks.length ? breaks[Math.floor(random() * breaks.length)] : text.length;
      const { before, value } = synthetic.phrase(type);
      const insertion = `${before}${value}${random() < 0.5 ? '，' : '。'}`;
      for (const [position, span] of expected.entries())
        if (span.start >= at) expected[position] = { ...span, start: span.start + insertion.length, end: span.end + insertion.length };
      expected.push({ type, start: at + before.length, end: at + before.length + value.length });
      text = text.slice(0, at) + insertion + text.slice(at);
    }
    const found = redactor.detect(text).filter((span) => (NUMBER_TYPES as string[]).includes(span.type));
    countSpans(counts, expected, found);
    // Numbers the reply held before anything was inserted (departments' own phone numbers) are real, not false alarms.
    const held = new Set(
      redactor
        .detect(reply.reply)
        .filter((span) => (NUMBER_TYPES as string[]).includes(span.type))
        .map((span) => `${span.type}:${reply.reply.slice(span.start, span.end)}`),
    );
    countSpans(
      countsBesideHeld,
      expected,
      found.filter((span) => !held.has(`${span.type}:${text.slice(span.start, span.end)}`)),
    );
    for (const span of expected)
      if (!found.some((other) => other.type === span.type && other.start === span.start && other.end === span.end))
        misses.push(`${span.type}: ${text.slice(Math.max(0, span.start - 8), span.end + 4)}`);
  }
  const total = [...counts.values()].reduce((sum, c) => ({
    truePositives: sum.truePositives + c.truePositives,
    found: sum.found + c.found,
    expected: sum.expected + c.expected,
  }));
  printCounts(
    `2. numbers inserted into ${replies.length} real replies (exact spans; a detection elsewhere in the reply counts against precision)`,
    counts,
  );
  console.log(`  ${scoreLine('all numbers', total)}`);
  printCounts(
    '2b. the same, not counting the numbers the replies already held (their own phone numbers, listed in part 3)',
    countsBesideHeld,
  );
  if (misses.length) console.log(`  missed or cut (first 10):\n    ${misses.slice(0, 10).join('\n    ')}`);
}

function inspectReplies(redactor: Redactor, replies: readonly Reply[], samples: number): void {
  const byType = new Map<string, string[]>();
  let characters = 0;
  const started = process.hrtime.bigint();
  const detections = replies.map((reply) => {
    characters += reply.reply.length;
    return { reply, spans: redactor.detect(reply.reply) };
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const { reply, spans } of detections)
    for (const span of spans) {
      const list = byType.get(span.type) ?? (byType.set(span.type, []), byType.get(span.type)!);
      list.push(
        `${reply.reply.slice(Math.max(0, span.start - 6), span.start)}[${reply.reply.slice(span.start, span.end)}]${reply.reply.slice(span.end, span.end + 6)}`,
      );
    }
  console.log(`\n3. the real replies as they are: ${replies.length} replies, ${characters} characters`);
  for (const [type, list] of [...byType].sort()) {
    const replyCount = detections.filter(({ spans }) => spans.some((span) => span.type === type)).length;
    console.log(`  ${type.padEnd(10)} ${String(list.length).padStart(5)} detections in ${replyCount} replies`);
    const step = Math.max(1, Math.floor(list.length / samples));
    for (let index = 0; index < list.length && index / step < samples; index += step)
      console.log(`      ${list[index].replace(/\s+/g, ' ')}`);
  }
  console.log(
    `\n4. throughput: ${Math.round(characters / seconds).toLocaleString('en')} characters/s on one core (whole redactor, ${seconds.toFixed(2)} s)`,
  );
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function main(): void {
  const samples = Number(option('samples') ?? 12);
  const modelPath = option('model');
  const heapBefore = process.memoryUsage().heapUsed;
  const loadStarted = process.hrtime.bigint();
  const tagger = new NameAddressTagger(modelPath ? readTaggerModel(modelPath) : readTaggerModel(), jiebaWordTagger, {
    nameBias: option('name-bias') === undefined ? undefined : Number(option('name-bias')),
  });
  const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
  const heapAfter = process.memoryUsage().heapUsed;
  console.log(
    `model: ${tagger.featureCount} features, loaded in ${loadMs.toFixed(0)} ms, ~${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MiB of heap\n`,
  );
  const redactor = new Redactor(tagger);
  evaluateTagger(tagger, redactor);
  if (option('cross-validate')) crossValidate(Number(option('cross-validate')));
  if (process.argv.includes('--tagger-only')) return;
  const replies = readReplies();
  evaluateNumbers(redactor, replies);
  inspectReplies(redactor, replies, samples);
}

if (require.main === module) main();

export type { EntitySpan };
