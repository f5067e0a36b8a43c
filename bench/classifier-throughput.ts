/**
 * `npm run bench:classifier`: how fast the active domain classifier reads messages on one core, and what it costs in
 * memory. Texts: the board's messages in ../shared/data/gov-messages/replies.jsonl when present, else the shipped
 * training messages. Prints the load time, classifications/s over a full pass, p50/p99 per message and heap growth.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadDomainClassifier, ModelStore } from '../apps/dispatch/src/infra/classification/model-store';
import { readLabelledMessages, shippedTrainingFile } from '../scripts/classifier/labelled-messages';

function texts(store: ModelStore): { texts: string[]; origin: string } {
  const replies = join(store.folder, '../../../../shared/data/gov-messages/replies.jsonl');
  if (existsSync(replies)) {
    const lines = readFileSync(replies, 'utf8').trim().split('\n');
    return { texts: lines.map((line) => (JSON.parse(line) as { text: string }).text), origin: replies };
  }
  const file = shippedTrainingFile(store.folder);
  return { texts: readLabelledMessages(file).map(({ text }) => text), origin: file };
}

function main(): void {
  const store = new ModelStore();
  const { texts: messages, origin } = texts(store);
  global.gc?.();
  // The model's arrays live on the heap, the segmenter's trie in typed arrays outside it: count both.
  const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heldBefore = held();
  const loadStarted = performance.now();
  const classifier = loadDomainClassifier();
  classifier.classify('预热'); // the segmenter builds its dictionary's trie on first use
  const loadMs = performance.now() - loadStarted;
  global.gc?.();
  const heldAfter = held();

  for (const text of messages.slice(0, 200)) classifier.classify(text);
  const latencies = new Float64Array(messages.length);
  const started = performance.now();
  messages.forEach((text, index) => {
    const before = performance.now();
    classifier.classify(text);
    latencies[index] = performance.now() - before;
  });
  const elapsed = performance.now() - started;
  latencies.sort();
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))];
  const meanLength = messages.reduce((total, text) => total + text.length, 0) / messages.length;
  console.log(`model ${classifier.version}: ${classifier.model.features.length} features, loaded in ${loadMs.toFixed(0)} ms`);
  console.log(`${messages.length} messages (mean ${meanLength.toFixed(0)} characters) from ${origin}`);
  console.log(`throughput  ${((messages.length / elapsed) * 1000).toFixed(0)} classifications/s on one core`);
  console.log(
    `latency     p50 ${(at(0.5) * 1000).toFixed(0)} µs  p99 ${(at(0.99) * 1000).toFixed(0)} µs  max ${(at(1) * 1000).toFixed(0)} µs`,
  );
  console.log(
    `memory      model and segmenter ≈ ${((heldAfter - heldBefore) / 1048576).toFixed(1)} MB${global.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`,
  );
}

main();
