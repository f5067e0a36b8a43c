import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { WordTagger } from '../../domain/redaction/name-address-tagger';

let jieba: Jieba | undefined;

/** jieba's segmentation with parts of speech, its default dictionary loaded once per process. */
export const jiebaWordTagger: WordTagger = (text) => (jieba ??= Jieba.withDict(dict)).tag(text);
