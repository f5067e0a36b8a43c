import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Jieba } from '@node-rs/jieba';

let instance: Jieba | undefined;

/**
 * The process's one jieba, with its default dictionary: every user in a service shares it, since each instance
 * holds about 37 MiB of native memory. The dictionary is read from the package's file and dropped once jieba
 * has built its trie; `@node-rs/jieba/dict` would also read the IDF table and keep both buffers (about 11 MiB)
 * for the life of the process. The first call takes about a second: make it at start-up.
 */
export function sharedJieba(): Jieba {
  instance ??= Jieba.withDict(readFileSync(join(dirname(require.resolve('@node-rs/jieba/dict')), 'dict.txt')));
  return instance;
}
