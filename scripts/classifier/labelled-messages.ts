import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { LabelledMessage } from '../../apps/dispatch/src/domain/classification/train-domain-model';

/** Reads `text<TAB>domain` lines; a header line `text<TAB>domain` is skipped, a malformed line stops with its number. */
export function readLabelledMessages(file: string): LabelledMessage[] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const messages: LabelledMessage[] = [];
  lines.forEach((line, index) => {
    if (!line.trim() || (index === 0 && line === 'text\tdomain')) return;
    const parts = line.split('\t');
    if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) throw new Error(`${file}:${index + 1}: expected text<TAB>domain`);
    messages.push({ text: parts[0], domain: parts[1].trim() });
  });
  return messages;
}

export function shippedTrainingFile(modelFolder: string): string {
  return join(modelFolder, 'training/messages.tsv');
}

/** The labelled examples dispatchers' decisions produced, latest label per case; none before the first migration. */
export async function readCorrections(databaseUrl: string): Promise<LabelledMessage[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('dispatch.labelled_examples') AS name`);
    if (!table.rows[0].name) return [];
    const rows = await client.query<{ text: string; domain: string }>(
      `SELECT DISTINCT ON (case_id) text, domain FROM dispatch.labelled_examples ORDER BY case_id, recorded_at DESC`,
    );
    return rows.rows;
  } finally {
    await client.end();
  }
}
