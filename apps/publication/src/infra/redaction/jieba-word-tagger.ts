import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { SearchWordCutter } from '../../domain/public-search/search-text';
import type { WordTagger } from '../../domain/redaction/name-address-tagger';

let jieba: Jieba | undefined;

/** jieba's segmentation with parts of speech, its default dictionary loaded once per process. */
export const jiebaWordTagger: WordTagger = (text) => (jieba ??= Jieba.withDict(dict)).tag(text);

/** jieba's search mode (long words and the shorter words inside them), same dictionary, without HMM guesses. */
export const jiebaSearchWords: SearchWordCutter = (text) => (jieba ??= Jieba.withDict(dict)).cutForSearch(text, false);
