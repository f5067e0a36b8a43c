import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EntitySpan, TrainingEntityType } from '../../apps/publication/src/domain/redaction/name-address-tagger';
import { repositoryRoot } from '@ugov/platform';

/** A file of the shared data (../shared/data beside the project, or UGOV_SHARED_DATA): for training and evaluation, never shipped. */
export function sharedDataPath(relative: string): string {
  return resolve(repositoryRoot(), process.env.UGOV_SHARED_DATA ?? '../shared/data', relative);
}

export interface LabelledSentence {
  readonly text: string;
  readonly entities: readonly EntitySpan<TrainingEntityType>[];
}

export function readCluener(path = sharedDataPath('ner/cluener-train.jsonl')): LabelledSentence[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const record = JSON.parse(line) as { text: string; entities: { type: string; start: number; end: number }[] };
      // Names and addresses are what we redact; every other type is learnt as `other`, to tell them apart.
      const entities = record.entities.map((entity) => ({
        type: (entity.type === 'name' || entity.type === 'address' ? entity.type : 'other') as TrainingEntityType,
        start: entity.start,
        end: entity.end,
      }));
      return { text: record.text, entities };
    });
}

/** FNV-1a of the text: which sentences are held out does not depend on file order, and never changes. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

export const FOLDS = 10;

/** The fold of a sentence; fold 0 is the held-out split that the shipped model never trains on. */
export function foldOf(sentence: LabelledSentence): number {
  return fnv1a(sentence.text) % FOLDS;
}

/**
 * Held-out and training sentences. A text that occurs more than once goes to one side only (the fold is a
 * hash of the text), so no held-out sentence was seen in training.
 */
export function splitCluener(
  sentences: readonly LabelledSentence[],
  heldOutFold = 0,
): { train: LabelledSentence[]; heldOut: LabelledSentence[] } {
  return {
    train: sentences.filter((sentence) => foldOf(sentence) !== heldOutFold),
    heldOut: sentences.filter((sentence) => foldOf(sentence) === heldOutFold),
  };
}
