/**
 * `npm run jieba:dictionary`: writes libs/text/data/jieba-dict.txt, jieba's dictionary cut down to the words the
 * shared data's texts are segmented into plus the most frequent ones (see deriveDictionary), then segments every
 * text with it and with the whole dictionary and prints how many differ. Commit what it writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { JIEBA_DICTIONARY } from '@ugov/text';
import {
  FULL_DICTIONARY,
  deriveDictionary,
  dictionaryWordsOf,
  parseDictionary,
  readCorpus,
  segmentationOf,
  segmentedFormsOf,
} from './jieba-dictionary';

/** The most frequent words kept whatever the corpus: what unseen text is segmented with besides the corpus's words. */
const FREQUENT_WORDS = Number(process.env.JIEBA_FREQUENT_WORDS ?? 50_000);

const fullText = readFileSync(FULL_DICTIONARY);
const entries = parseDictionary(fullText.toString('utf8'));
const words = new Set(entries.map((entry) => entry.word));
const full = Jieba.withDict(fullText);
const corpus = readCorpus();

const kept = new Set<string>();
for (const source of corpus)
  for (const text of source.texts)
    for (const form of segmentedFormsOf(text)) for (const word of dictionaryWordsOf(form, full, words)) kept.add(word);

const derived = deriveDictionary(entries, kept, FREQUENT_WORDS);
writeFileSync(JIEBA_DICTIONARY, derived);
const shipped = Jieba.withDict(Buffer.from(derived));
console.log(
  `wrote ${JIEBA_DICTIONARY}: ${parseDictionary(derived).length - 1} of ${entries.length} words ` +
    `(${kept.size} from the texts, the ${FREQUENT_WORDS} most frequent), ${Buffer.byteLength(derived)} bytes`,
);

for (const source of corpus) {
  let differing = 0;
  for (const text of source.texts)
    if (segmentedFormsOf(text).some((form) => segmentationOf(form, shipped) !== segmentationOf(form, full))) differing++;
  console.log(`${source.name}: ${differing} of ${source.texts.length} texts segmented differently`);
}
