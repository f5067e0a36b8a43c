import { Pool } from 'pg';
import { insertRows, runInTransaction } from '@ugov/persistence';
import { createTestDatabase } from '@ugov/testing';

interface Row {
  readonly text: string | null;
  readonly details: unknown;
  readonly bytes: Uint8Array | null;
  readonly big: bigint | number | null;
  readonly at: Date | null;
  readonly ratio: number | null;
  readonly flag: boolean | null;
}

const insert = (options = {}) =>
  insertRows<Row>(
    'rows',
    [
      { name: 'text', type: 'text', value: (row) => row.text },
      { name: 'details', type: 'jsonb', value: (row) => row.details },
      { name: 'bytes', type: 'bytea', value: (row) => row.bytes },
      { name: 'big', type: 'bigint', value: (row) => row.big },
      { name: 'at', type: 'timestamptz', value: (row) => row.at },
      // A reserved word as a column: insertRows quotes every name.
      { name: 'end', type: 'float8', value: (row) => row.ratio },
      { name: 'flag', type: 'boolean', value: (row) => row.flag },
    ],
    'RETURNING id',
    options,
  );

const stored = (pool: Pool) =>
  pool
    .query('SELECT id, text, details, bytes, big::text AS big, at, "end" AS ratio, flag FROM rows ORDER BY id')
    .then((result) => result.rows);

describe('insertRows (one JSON parameter for all rows) against PostgreSQL', () => {
  let drop: () => Promise<void>;
  let pool: Pool;

  beforeAll(async () => {
    const database = await createTestDatabase('insert_rows');
    drop = database.drop;
    pool = new Pool({ connectionString: database.url, max: 2 });
  });

  beforeEach(async () => {
    await pool.query('DROP TABLE IF EXISTS rows');
    await pool.query(`CREATE TABLE rows (id bigserial PRIMARY KEY, text text, details jsonb, bytes bytea, big bigint,
                                         at timestamptz, "end" float8, flag boolean)`);
  });

  afterAll(async () => {
    await pool?.end();
    await drop?.();
  });

  it('stores every value as it was given: quotes, backslashes, Chinese, emoji, objects, bytes, big numbers, times', async () => {
    const at = new Date('2026-01-28T16:00:00.123Z');
    const rows: Row[] = [
      {
        text: 'a "quoted" \\ back\\slash, a {brace}, a comma, 中文 and 😀\nnew line',
        details: { name: '"x"', nested: { list: [1, 'two', null], at: at.toISOString() } },
        bytes: Uint8Array.from([0, 1, 0x5c, 0x22, 255]),
        big: 9007199254740993n,
        at,
        ratio: 0.1 + 0.2,
        flag: true,
      },
      { text: '', details: [], bytes: Buffer.alloc(0), big: -1, at: null, ratio: -0, flag: false },
      { text: null, details: null, bytes: null, big: null, at: null, ratio: null, flag: null },
      { text: 'NULL', details: 'a JSON string', bytes: Buffer.from('\\x00'), big: 0, at, ratio: 1e-300, flag: null },
    ];
    const returned = await runInTransaction(pool, (sql) => insert().run(sql, rows));
    expect(returned).toHaveLength(4);
    const [first, empty, nulls, lookalikes] = await stored(pool);
    expect(first).toMatchObject({
      text: rows[0].text,
      details: rows[0].details,
      bytes: Buffer.from([0, 1, 0x5c, 0x22, 255]),
      big: '9007199254740993',
      at,
      ratio: 0.30000000000000004,
      flag: true,
    });
    expect(empty).toMatchObject({ text: '', details: [], bytes: Buffer.alloc(0), big: '-1', at: null, flag: false });
    expect(nulls).toMatchObject({ text: null, details: null, bytes: null, big: null, at: null, ratio: null, flag: null });
    expect(lookalikes).toMatchObject({ text: 'NULL', details: 'a JSON string', bytes: Buffer.from('\\x00'), big: '0', ratio: 1e-300 });
  });

  it('inserts in the given order when asked to, so serial ids follow it', async () => {
    const rows: Row[] = Array.from({ length: 200 }, (_, index) => ({
      text: String(199 - index),
      details: null,
      bytes: null,
      big: index,
      at: null,
      ratio: null,
      flag: null,
    }));
    await runInTransaction(pool, (sql) => insert({ ordered: true }).run(sql, rows));
    expect((await stored(pool)).map((row) => row.big)).toEqual(rows.map((row) => String(row.big)));
  });

  it('numbers its parameter after the statement it is embedded in, and joins what it is asked to', async () => {
    const embedded = insert({ parameter: 2, join: 'CROSS JOIN LATERAL (SELECT $1::text AS tag) AS t' });
    expect(embedded.text).toContain('json_to_recordset($2::json)');
    const row: Row = { text: 'x', details: { a: 1 }, bytes: null, big: 7, at: null, ratio: 2.5, flag: true };
    await pool.query(`WITH inserted AS (${embedded.text}) SELECT count(*) FROM inserted`, ['tag', embedded.parameterOf([row])]);
    expect(await stored(pool)).toMatchObject([{ text: 'x', details: { a: 1 }, big: '7', ratio: 2.5, flag: true }]);
  });

  it('writes nothing when one row cannot be stored', async () => {
    const good: Row = { text: 'fine', details: null, bytes: null, big: 1, at: null, ratio: null, flag: null };
    const bad: Row = { ...good, text: 'NUL \u0000 inside' };
    await expect(runInTransaction(pool, (sql) => insert().run(sql, [good, bad]))).rejects.toThrow();
    expect(await stored(pool)).toEqual([]);
  });
});
