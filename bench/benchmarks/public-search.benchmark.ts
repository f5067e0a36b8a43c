import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openServiceDatabase, type Sql } from '@ugov/persistence';
import { createTestDatabase, repoRoot } from '@ugov/testing';
import { normalizeForSearch, searchDocumentOf, searchQueryOf } from '../../apps/publication/src/domain/public-search/search-text';
import { publicationEntities, publicationMigrations } from '../../apps/publication/src/infra/publication.database';
import { searchPublishedReplies } from '../../apps/publication/src/infra/published-replies.search';
import { searchPublishedSite } from '../../apps/publication/src/infra/published-site.search';
import { filterCondition, pageOf, StatementParameters, type PublicSearchFilters } from '../../apps/publication/src/infra/public-search.sql';
import { jiebaSearchWords } from '../../apps/publication/src/infra/redaction/jieba-word-tagger';
import { LatencySamples, type LatencySummary } from '../latency-samples';
import { withTeardown } from '../teardown';

/** The real replies the published texts are made of (beside the project, or UGOV_SHARED_DATA, as for the other benchmarks). */
const REPLIES_FILE = join(resolve(process.env.UGOV_SHARED_DATA ?? resolve(repoRoot, '../shared/data')), 'gov-messages', 'replies.jsonl');

export interface SearchKindResult {
  /** The shape of the queries: two-character words, phrases, two words, with filters, a deep page, both kinds at once. */
  readonly kind: string;
  readonly queries: number;
  /** Mean items found per query. */
  readonly meanFound: number;
  readonly search: LatencySummary;
  /** How many of the queries also ran as the ILIKE baseline (a full scan each: fewer on a large table). */
  readonly baselineQueries: number;
  readonly ilike: LatencySummary;
  /** Baseline queries for which the two found a different number of items (0 expected: the recheck is exact). */
  readonly disagreements: number;
}

export interface PublicSearchResult {
  readonly replies: number;
  readonly meanCharacters: number;
  /** Writing the replies (one SQL statement per 100,000, tokens and all) and building the indexes afterwards. */
  readonly loadSeconds: number;
  readonly indexSeconds: number;
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

const QUERIES_PER_KIND = 200;
/** ILIKE scans the whole table each time: every query up to this many replies, a proportionally smaller share above, at least 5. */
const BASELINE_FULL_UP_TO = 100_000;
const LOAD_CHUNK = 100_000;
/** Ten departments, domains and districts, so that each filter keeps about a tenth. */
const DEPARTMENTS = Array.from({ length: 10 }, (_, index) => `bench-department-${index}`);
const CATEGORIES = [
  'urban.02.04',
  'urban.10.01',
  'environment.01.02',
  'traffic.02.01',
  'education.01.01',
  'health.02.03',
  'labour.01.02',
  'land.03.01',
  'government.05.01',
  'social.04.01',
];
const REGIONS = ['430102', '430103', '430104', '430105', '430111', '430112', '430121', '430181', '430182', '430102001'];

/**
 * Replies made in the database, not one insert each: every sentence is tokenized once by the service's own code (a
 * sentence ends with 。！？, and neither a bigram nor a jieba word crosses that, so a reply's tokens are its
 * sentences' tokens), then each chunk of replies is one INSERT … SELECT over generate_series that strings 2–6
 * sentences together (chosen by a hash of the reply's number, so every run has the same texts).
 */
const LOAD = `INSERT INTO publication.published_replies
    (id, case_id, department_code, text, withheld, published_at, search_text, search_tokens, category_code, region_code)
  SELECT gen_random_uuid(), gen_random_uuid(), ($3::text[])[1 + number % 10], reply.text, '[]',
         $5::timestamptz + (number::float8 / $8) * interval '3 years', reply.search_text, to_tsvector('simple', reply.document),
         ($4::text[])[1 + (number / 10) % 10], ($6::text[])[1 + (number / 100) % 10]
    FROM generate_series($1::int, $2::int) AS number,
    LATERAL (SELECT string_agg(sentence.text, '' ORDER BY k) AS text, string_agg(sentence.search_text, '' ORDER BY k) AS search_text,
                    string_agg(sentence.document, ' ' ORDER BY k) AS document
               FROM generate_series(1, (2 + abs(hashint4(number)::bigint) % 5)::int) AS k
               JOIN bench_sentences AS sentence ON sentence.position = (abs(hashint4(number * 8 + k)::bigint) % $7)::int) AS reply`;

/** What the index and search need, dropped while loading and built once after (as a bulk load does). */
const INDEXES = [
  `CREATE INDEX published_replies_search ON publication.published_replies USING gin (search_tokens)`,
  `CREATE INDEX published_replies_by_time ON publication.published_replies (published_at DESC, id)`,
  `CREATE INDEX published_replies_by_department ON publication.published_replies (department_code, published_at DESC)`,
  `CREATE INDEX published_replies_by_category ON publication.published_replies (category_code text_pattern_ops, published_at DESC)
     WHERE category_code IS NOT NULL`,
  `CREATE INDEX published_replies_by_region ON publication.published_replies (region_code text_pattern_ops, published_at DESC)
     WHERE region_code IS NOT NULL`,
];

interface QueryShape {
  readonly kind: string;
  readonly queries: readonly string[];
  readonly filters?: PublicSearchFilters;
  readonly page?: number;
  /** Replies and information in one search (GET /v1/public/search) instead of replies alone. */
  readonly site?: boolean;
}

/** The baseline: the same filters, page and total by ILIKE on the text instead of the index. */
async function ilikeTotal(sql: Sql, q: string, shape: QueryShape): Promise<number> {
  const parameters = new StatementParameters();
  const terms = parameters.add(searchQueryOf(q)!.terms);
  const filters = filterCondition(parameters, shape.filters ?? {}, true);
  const { total } = await pageOf(
    shape.page ?? 1,
    (limit, offset) =>
      sql.query(
        `SELECT id, department_code, text, withheld, published_at, count(*) OVER () AS total
           FROM publication.published_replies
          WHERE NOT EXISTS (SELECT 1 FROM unnest(${terms}::text[]) AS term WHERE text NOT ILIKE '%' || term || '%') AND ${filters}
          ORDER BY published_at DESC, id LIMIT ${limit} OFFSET ${offset}`,
        parameters.values,
      ) as Promise<{ total: string }[]>,
  );
  return total;
}

async function searchTotal(sql: Sql, q: string, shape: QueryShape): Promise<number> {
  const search = { query: searchQueryOf(q), page: shape.page ?? 1, ...shape.filters };
  return (shape.site ? await searchPublishedSite(sql, search) : await searchPublishedReplies(sql, search)).total;
}

/**
 * `replies` published replies made of the sentences of the 2,816 real replies of ../shared/data/gov-messages,
 * indexed as publication indexes them; then several shapes of query through the service's search (GIN over the
 * service's tokens, exact recheck, ranking, a page of 20 with the total) and some of each through a plain ILIKE scan.
 */
export async function benchmarkPublicSearch(replies: number, queriesPerShape = QUERIES_PER_KIND): Promise<PublicSearchResult> {
  if (!existsSync(REPLIES_FILE)) throw new Error(`${REPLIES_FILE} is not there: the search benchmark builds its replies from it`);
  const sentences = [
    ...new Set(
      readFileSync(REPLIES_FILE, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => (JSON.parse(line) as { reply: string }).reply.split(/(?<=[。！？])/u))
        .map((sentence) => sentence.trim())
        .filter((sentence) => sentence.length >= 8),
    ),
  ];
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
      await dataSource.query(
        `CREATE TABLE bench_sentences (position int PRIMARY KEY, text text NOT NULL, search_text text NOT NULL, document text NOT NULL)`,
      );
      await dataSource.query(
        `INSERT INTO bench_sentences SELECT n - 1, text, search_text, document FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS s (text, search_text, document, n)`,
        [sentences, sentences.map(normalizeForSearch), sentences.map((sentence) => searchDocumentOf(sentence, jiebaSearchWords))],
      );
      await dataSource.query('ANALYZE bench_sentences');
      console.log(`   … ${sentences.length} sentences tokenized`);
      // Only the published replies are searched: the review rows they point at are not written in this database of its own.
      await dataSource.query(`ALTER TABLE publication.published_replies DROP CONSTRAINT published_replies_id_fkey`);
      for (const index of INDEXES) await dataSource.query(`DROP INDEX publication.${/INDEX (\w+)/.exec(index)![1]}`);
      const loadStarted = performance.now();
      for (let first = 1; first <= replies; first += LOAD_CHUNK) {
        const last = Math.min(replies, first + LOAD_CHUNK - 1);
        await dataSource.transaction(async (transaction) => {
          // The lateral join's few sentences are looked up by key: a merge or hash join would read them all for every reply.
          await transaction.query('SET LOCAL jit = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_hashjoin = off');
          await transaction.query(LOAD, [first, last, DEPARTMENTS, CATEGORIES, '2019-01-01T00:00:00Z', REGIONS, sentences.length, replies]);
        });
        console.log(`   … ${last} replies written (${((performance.now() - loadStarted) / 1000).toFixed(0)} s)`);
      }
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const indexStarted = performance.now();
      await dataSource.transaction(async (transaction) => {
        await transaction.query(`SET LOCAL maintenance_work_mem = '512MB'`);
        for (const index of INDEXES) await transaction.query(index);
      });
      await dataSource.query('VACUUM ANALYZE publication.published_replies');
      const indexSeconds = (performance.now() - indexStarted) / 1000;
      console.log(`   … indexed in ${indexSeconds.toFixed(0)} s`);
      const [{ mean }] = (await dataSource.query(`SELECT avg(length(text)) AS mean FROM publication.published_replies`)) as {
        mean: string;
      }[];

      // Two-character words jieba finds in the texts, and phrases cut from them: real queries, most of which find something.
      const texts = ((await dataSource.query(`SELECT text FROM publication.published_replies LIMIT 5000`)) as { text: string }[]).map(
        (row) => row.text,
      );
      const words = [...new Set(texts.flatMap((text) => jiebaSearchWords(text)).filter((word) => /^\p{Script=Han}{2}$/u.test(word)))];
      const phrases = Array.from({ length: queriesPerShape }, () => {
        const runs = pick(texts).match(/\p{Script=Han}{6,}/gu) ?? ['噪音问题'];
        const run = pick(runs);
        const length = 4 + Math.floor(next() * 3);
        const at = Math.floor(next() * (run.length - length + 1));
        return run.slice(at, at + length);
      });
      const someWords = () => Array.from({ length: queriesPerShape }, () => pick(words));
      const shapes: QueryShape[] = [
        { kind: 'two-character words', queries: someWords() },
        { kind: 'phrases of 4–6 characters', queries: phrases },
        { kind: 'two words (both must be there)', queries: someWords().map((word) => `${word} ${pick(words)}`) },
        { kind: 'a word in one domain and one city district', queries: someWords(), filters: { domain: 'urban', regionCode: '430102' } },
        {
          kind: 'a word in one department, over one year of three',
          queries: someWords(),
          filters: { departmentCode: DEPARTMENTS[3], fromDay: '2020-01-01', toDay: '2020-12-31' },
        },
        { kind: 'a word, page 5', queries: someWords(), page: 5 },
        { kind: 'a word, replies and information in one search', queries: someWords(), site: true },
      ];
      // A full scan each: all 200 at 100,000 replies, 20 of 200 at 1,000,000.
      const baselineQueries = Math.max(5, Math.min(queriesPerShape, Math.round((queriesPerShape * BASELINE_FULL_UP_TO) / replies)));
      const results: SearchKindResult[] = [];
      for (const shape of shapes.map((each) => ({ ...each, queries: each.queries.filter((q) => searchQueryOf(q)) }))) {
        // A pass first, so both run with the table and the index as warm as each other.
        for (const q of shape.queries.slice(0, 10)) await searchTotal(dataSource, q, shape);
        const search = new LatencySamples();
        const ilike = new LatencySamples();
        let found = 0;
        let disagreements = 0;
        for (const [index, q] of shape.queries.entries()) {
          let startedAt = performance.now();
          const total = await searchTotal(dataSource, q, shape);
          search.record(performance.now() - startedAt);
          found += total;
          if (index >= baselineQueries) continue;
          startedAt = performance.now();
          const baselineTotal = await ilikeTotal(dataSource, q, shape);
          ilike.record(performance.now() - startedAt);
          if (baselineTotal !== total) disagreements++;
        }
        const result = {
          kind: shape.kind,
          queries: shape.queries.length,
          meanFound: found / shape.queries.length,
          search: search.summary(),
          baselineQueries: Math.min(baselineQueries, shape.queries.length),
          ilike: ilike.summary(),
          disagreements,
        };
        console.log(
          `   … ${shape.kind}: search p50 ${result.search.p50Ms.toFixed(1)} ms, p99 ${result.search.p99Ms.toFixed(1)} ms; ` +
            `ILIKE (${result.baselineQueries}) p50 ${result.ilike.p50Ms.toFixed(0)} ms, p99 ${result.ilike.p99Ms.toFixed(0)} ms`,
        );
        results.push(result);
      }
      return { replies, meanCharacters: Number(mean), loadSeconds, indexSeconds, kinds: results };
    } finally {
      await dataSource.destroy();
    }
  });
}
