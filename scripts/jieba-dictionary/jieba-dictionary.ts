import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Jieba } from '@node-rs/jieba';
import { featuresOf } from '../../apps/dispatch/src/domain/classification/text-features';
import { searchDocumentOf } from '../../apps/publication/src/domain/public-search/search-text';
import { readLabelledMessages } from '../classifier/labelled-messages';
import { readCluener, sharedDataPath } from '../redaction/cluener';

/** jieba's whole dictionary, as the package ships it (MIT): what libs/text/data/jieba-dict.txt is cut from. */
export const FULL_DICTIONARY = join(dirname(require.resolve('@node-rs/jieba/dict')), 'dict.txt');

/** A private-use character: no text is segmented into it (jieba leaves it out of its words), see deriveDictionary. */
export const PLACEHOLDER_WORD = '\uE000';

export interface DictionaryEntry {
  readonly word: string;
  readonly freq: number;
  /** The line as it is (word, frequency, part of speech), which the shipped dictionary keeps whole. */
  readonly line: string;
}

/** `word freq tag` lines, as jieba reads them. */
export function parseDictionary(text: string): DictionaryEntry[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => {
      const [word, freq] = line.trim().split(/\s+/);
      if (!/^\d+$/.test(freq ?? '')) throw new Error(`dictionary line ${index + 1}: "${line}" has no frequency`);
      return { word, freq: Number(freq), line: line.trim() };
    });
}

export function totalFrequency(entries: readonly DictionaryEntry[]): number {
  return entries.reduce((total, entry) => total + entry.freq, 0);
}

/**
 * jieba (exact mode, no HMM) takes the path of dictionary words with the highest sum of log(freq) − log(total).
 * Keeping every word on the paths it took over a corpus, and `total` as it was (the placeholder carries the
 * frequency of the words left out), leaves those paths the best: the corpus is segmented exactly as with the
 * whole dictionary. `kept` are those words (and the 2- and 3-character pieces search mode looks up); the
 * `frequentCount` most frequent words are kept too, for texts outside the corpus.
 */
export function deriveDictionary(entries: readonly DictionaryEntry[], kept: ReadonlySet<string>, frequentCount: number): string {
  const frequent = new Set(
    [...entries]
      .sort((a, b) => b.freq - a.freq)
      .slice(0, frequentCount)
      .map((entry) => entry.word),
  );
  const shipped = entries.filter((entry) => kept.has(entry.word) || frequent.has(entry.word));
  if (entries.some((entry) => entry.word === PLACEHOLDER_WORD)) throw new Error('the dictionary already holds the placeholder word');
  const placeholder = `${PLACEHOLDER_WORD} ${totalFrequency(entries) - totalFrequency(shipped)} x`;
  return [...shipped.map((entry) => entry.line), placeholder].join('\n') + '\n';
}

/** The words jieba's search mode gives for the text that are dictionary words: every word cut() gives, and the pieces. */
export function dictionaryWordsOf(text: string, jieba: Jieba, dictionary: ReadonlySet<string>): string[] {
  return jieba.cutForSearch(text, false).filter((word) => dictionary.has(word));
}

/**
 * The texts jieba is given for a text: the text itself (redaction's tag), the classifier's normalised form
 * (cut) and search's normalised form (cutForSearch), each taken from the code that makes it.
 */
export function segmentedFormsOf(text: string): string[] {
  const forms = new Set([text]);
  featuresOf(text, (normalised) => {
    forms.add(normalised);
  });
  searchDocumentOf(text, (normalised) => {
    forms.add(normalised);
    return [];
  });
  return [...forms];
}

/** What each of the three calls the services make gives, as one comparable string. */
export function segmentationOf(text: string, jieba: Jieba): string {
  return JSON.stringify([jieba.cut(text, false), jieba.cutForSearch(text, false), jieba.tag(text)]);
}

export interface CorpusSource {
  readonly name: string;
  readonly texts: readonly string[];
}

function readJsonLines<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** Whether the shared data sits beside the project (a clone without it has none). */
export function withSharedData(): boolean {
  return existsSync(sharedDataPath('gov-messages/replies.jsonl')) && existsSync(sharedDataPath('ner/cluener-train.jsonl'));
}

/** Every text of the shared data: the messages of train.tsv, the replies' subjects, messages and replies, CLUENER's sentences. */
export function readCorpus(): CorpusSource[] {
  const replies = readJsonLines<{ subject: string; text: string; reply: string }>(sharedDataPath('gov-messages/replies.jsonl'));
  return [
    {
      name: 'gov-messages/train.tsv',
      texts: readLabelledMessages(sharedDataPath('gov-messages/train.tsv')).map((message) => message.text),
    },
    { name: 'gov-messages/replies.jsonl subject', texts: replies.map((reply) => reply.subject) },
    { name: 'gov-messages/replies.jsonl text', texts: replies.map((reply) => reply.text) },
    { name: 'gov-messages/replies.jsonl reply', texts: replies.map((reply) => reply.reply) },
    {
      name: 'ner/cluener-train.jsonl',
      texts: readCluener().map((sentence) => sentence.text),
    },
  ];
}
