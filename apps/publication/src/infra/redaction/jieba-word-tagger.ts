import { sharedJieba } from '@ugov/text';
import type { WordTagger } from '../../domain/redaction/name-address-tagger';

/** jieba's segmentation with parts of speech (the process's one instance, default dictionary). */
export const jiebaWordTagger: WordTagger = (text) => sharedJieba().tag(text);
