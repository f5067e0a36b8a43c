import { sharedJieba } from '@ugov/text';
import type { SearchWordCutter } from '../../domain/public-search/search-text';
import type { WordTagger } from '../../domain/redaction/name-address-tagger';

/** jieba's segmentation with parts of speech (the process's one instance, with the shipped dictionary: libs/text/data). */
export const jiebaWordTagger: WordTagger = (text) => sharedJieba().tag(text);

/** jieba's search mode (long words and the shorter words inside them), same dictionary, without HMM guesses. */
export const jiebaSearchWords: SearchWordCutter = (text) => sharedJieba().cutForSearch(text, false);
