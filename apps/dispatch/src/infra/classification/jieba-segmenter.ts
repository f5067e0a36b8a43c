import { sharedJieba } from '@ugov/text';
import type { Segmenter } from '../../domain/classification/text-features';

/** jieba with its default dictionary (the process's one instance); exact mode without HMM guesses. */
export const jiebaSegmenter: Segmenter = (text) => sharedJieba().cut(text, false);
