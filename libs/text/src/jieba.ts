import { readFileSync } from 'node:fs';
import { repositoryPath } from '@ugov/platform';
import { Jieba } from '@node-rs/jieba';

/**
 * The dictionary the services load: jieba's own, cut down to the words our texts are segmented into, so that
 * they are segmented exactly as with the whole one (libs/text/data/README.md, `npm run jieba:dictionary`).
 * It is read from the repository from the sources and from dist/ alike.
 */
export const JIEBA_DICTIONARY = repositoryPath('libs/text/data/jieba-dict.txt');

let instance: Jieba | undefined;

/**
 * The process's one jieba: every user in a service shares it, since each instance holds the dictionary in native
 * memory (about 37 MiB with jieba's whole dictionary, about 12 MiB with ours). The file is read and dropped once
 * jieba has built its trie. The first call takes a moment: make it at start-up.
 */
export function sharedJieba(): Jieba {
  instance ??= Jieba.withDict(readFileSync(JIEBA_DICTIONARY));
  return instance;
}
