import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { openServiceDatabase } from '@ugov/persistence';
import { createTestDatabase, repoRoot } from '@ugov/testing';
import { normalizeForSearch, searchDocumentOf, searchQueryOf } from '../../apps/publication/src/domain/public-search/search-text';
import { publicationEntities, publicationMigrations } from '../../apps/publication/src/infra/publication.database';
import { searchPublishedReplies } from '../../apps/publication/src/infra/published-replies.search';
import { jiebaSearchWords } from '../../apps/publication/src/infra/redaction/jieba-word-tagger';
import { LatencySamples, type LatencySummary } from '../latency-samples';
import { withTeardown } from '../teardown';

/** The real replies the published texts are made of (beside the project, or UGOV_SHARED_DATA, as for the other benchmarks). */
const REPLIES_FILE = join(resolve(process.env.UGOV_SHARED_DATA ?? resolve(repoRoot, '../shared/data')), 'gov-messages', 'replies.jsonl');

export interface SearchKindResult {
  /** What the queries are: two-character words, or phrases of 4–6 characters taken from the texts. */
  readonly kind: string;
  readonly queries: number;
  /** Mean replies found per query (both ways find the same: the recheck is exact). */
  readonly meanFound: number;
  readonly search: LatencySummary;
  readonly ilike: LatencySummary;
  /** Queries for which the two found a different number of replies (0 expected: the recheck is exact). */
  readonly disagreements: number;
}

export interface PublicSearchResult {
  readonly replies: number;
  readonly meanCharacters: number;
  /** Tokenizing in the service (jieba search mode + bigrams) and inserting, per reply. */
  readonly indexMicrosPerReply: number;
  readonly kinds: readonly SearchKindResult[];
}

/** A small deterministic generator, so every run searches the same texts with the same queries. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERT_BATCH = 500;
const QUERIES_PER_KIND = 200;

/** The same filter and order as the service's search, by ILIKE on the text instead of the index: the baseline. */
const ILIKE = `SELECT id, department_code, text, withheld, published_at, count(*) OVER () AS total
  FROM publication.published_replies
  WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS term WHERE text NOT ILIKE '%' || term || '%')
  ORDER BY published_at DESC, id LIMIT 20`;

/**
 * `replies` published replies made of the sentences of the 2,816 real replies of ../shared/data/gov-messages (each a
 * random run of 2–6 of them), indexed as publication indexes them; then the same queries through the service's search
 * (GIN over the service's tokens, exact recheck, ranking, first page) and through a plain ILIKE scan, one at a time.
 */
export async function benchmarkPublicSearch(replies: number): Promise<PublicSearchResult> {
  if (!existsSync(REPLIES_FILE)) throw new Error(`${REPLIES_FILE} is not there: the search benchmark builds its replies from it`);
  const sentences = readFileSync(REPLIES_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => (JSON.parse(line) as { reply: string }).reply.split(/(?<=[。！？])/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length >= 8);
  const next = random(20261130);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const database = await createTestDatabase('ugov_bench_search');
  return withTeardown(async (teardown) => {
    teardown.add('drop the search benchmark database', database.drop);
    const dataSource = await openServiceDatabase({
      url: database.url,
      schema: 'publication',
      entities: publicationEntities,
      migrations: publicationMigrations,
      poolSize: 2,
    });
    try {
      // Published replies need their review rows (a foreign key): both are written, only the publishing is timed.
      let characters = 0;
      let indexMs = 0;
      const texts: string[] = [];
      const start = Date.parse('2019-01-01T00:00:00Z');
      for (let first = 0; first < replies; first += INSERT_BATCH) {
        const batch = Array.from({ length: Math.min(INSERT_BATCH, replies - first) }, (_, index) => {
          const text = Array.from({ length: 2 + Math.floor(next() * 5) }, () => pick(sentences)).join('');
          characters += text.length;
          if (texts.length < 5000) texts.push(text);
          return { id: randomUUID(), caseId: randomUUID(), text, at: new Date(start + (first + index) * 60_000) };
        });
        await dataSource.query(
          `INSERT INTO publication.reply_reviews (id, case_id, assignment_id, department_code, tracking_number, reply_text, redacted_text,
                    withheld, disclosure, visibility, review_status, created_at)
           SELECT id, case_id, gen_random_uuid(), 'a2-housing', 'UG0', text, text, '[]', '主动公开', 'public', 'approved', now()
             FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS batch (id, case_id, text)`,
          [batch.map((row) => row.id), batch.map((row) => row.caseId), batch.map((row) => row.text)],
        );
        const startedAt = performance.now();
        const documents = batch.map((row) => searchDocumentOf(row.text, jiebaSearchWords));
        await dataSource.query(
          `INSERT INTO publication.published_replies (id, case_id, department_code, text, withheld, published_at, search_text, search_tokens)
           SELECT id, case_id, 'a2-housing', text, '[]', published_at, search_text, to_tsvector('simple', document)
             FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[])
                  AS batch (id, case_id, text, published_at, search_text, document)`,
          [
            batch.map((row) => row.id),
            batch.map((row) => row.caseId),
            batch.map((row) => row.text),
            batch.map((row) => row.at),
            batch.map((row) => normalizeForSearch(row.text)),
            documents,
          ],
        );
        indexMs += performance.now() - startedAt;
      }
      await dataSource.query('VACUUM ANALYZE publication.published_replies');

      // Two-character words jieba finds in the texts, and phrases cut from them: real queries, most of which find something.
      const words = [...new Set(texts.flatMap((text) => jiebaSearchWords(text)).filter((word) => /^\p{Script=Han}{2}$/u.test(word)))];
      const phrases = Array.from({ length: QUERIES_PER_KIND }, () => {
        const runs = pick(texts).match(/\p{Script=Han}{6,}/gu) ?? ['噪音问题'];
        const run = pick(runs);
        const length = 4 + Math.floor(next() * 3);
        const at = Math.floor(next() * (run.length - length + 1));
        return run.slice(at, at + length);
      });
      const kinds: [string, string[]][] = [
        ['two-character words', Array.from({ length: QUERIES_PER_KIND }, () => pick(words))],
        ['phrases of 4–6 characters', phrases],
      ];
      const results: SearchKindResult[] = [];
      for (const [kind, queries] of kinds) {
        // A pass of each first, so both run with the table and the index as warm as each other.
        for (const q of queries.slice(0, 20)) {
          await searchPublishedReplies(dataSource, { query: searchQueryOf(q), page: 1 });
          await dataSource.query(ILIKE, [[q]]);
        }
        const search = new LatencySamples();
        const ilike = new LatencySamples();
        let found = 0;
        let disagreements = 0;
        for (const q of queries) {
          let startedAt = performance.now();
          const page = await searchPublishedReplies(dataSource, { query: searchQueryOf(q), page: 1 });
          search.record(performance.now() - startedAt);
          startedAt = performance.now();
          const rows = (await dataSource.query(ILIKE, [[q]])) as { total: string }[];
          ilike.record(performance.now() - startedAt);
          found += page.total;
          const baselineTotal = rows.length ? Number(rows[0].total) : 0;
          if (baselineTotal !== page.total) disagreements++;
        }
        results.push({
          kind,
          queries: queries.length,
          meanFound: found / queries.length,
          search: search.summary(),
          ilike: ilike.summary(),
          disagreements,
        });
      }
      return { replies, meanCharacters: characters / replies, indexMicrosPerReply: (indexMs * 1000) / replies, kinds: results };
    } finally {
      await dataSource.destroy();
    }
  });
}
