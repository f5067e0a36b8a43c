import { sharedJieba } from '@ugov/text';
import type { Segmenter } from '../../domain/classification/text-features';

/** jieba with the shipped dictionary (the process's one instance, libs/text/data); exact mode without HMM guesses. */
export const jiebaSegmenter: Segmenter = (text) => sharedJieba().cut(text, false);
