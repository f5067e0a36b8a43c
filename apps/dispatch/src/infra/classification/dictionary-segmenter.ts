import { sharedDictionarySegmenter } from '@ugov/text';
import type { Segmenter } from '../../domain/classification/text-features';

/** jieba's exact mode without HMM guesses, over the shipped dictionary (libs/text/data), segmented in the process. */
export const dictionarySegmenter: Segmenter = (text, word) => sharedDictionarySegmenter().visit(text, word);
