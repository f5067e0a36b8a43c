import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs SQL with positional parameters and returns the rows. A TypeORM EntityManager or DataSource is one, and so
 * is the transaction of runInTransaction: code that only runs SQL takes either.
 */
export interface Sql {
  /** Resolves with the rows (of a SELECT, or of a statement's RETURNING). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query(text: string, parameters?: unknown[]): Promise<any>;
}

/** The connection pool under a TypeORM data source: the one pool a service has. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}

const statementNames = new Map<string, string>();

/**
 * A statement's name for PostgreSQL's extended protocol: the same text always gets the same name, so each
 * connection parses and plans it once and then only binds and executes it.
 */
function statementNameOf(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `ugov_${statementNames.size + 1}`;
    statementNames.set(text, name);
  }
  return name;
}

/** A pooled connection that runs every statement as a prepared one. */
class PreparedStatements implements Sql {
  constructor(private readonly client: PoolClient) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async query(text: string, parameters: unknown[] = []): Promise<any[]> {
    const result = await this.client.query({ name: statementNameOf(text), text, values: parameters });
    return result.rows;
  }
}

/**
 * One transaction on a connection of the pool, its statements prepared once per connection. Commits when `work`
 * resolves, rolls back when it throws; a connection that fails on the way is discarded, never reused.
 */
export async function runInTransaction<T>(pool: Pool, work: (transaction: Sql) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(new PreparedStatements(client));
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** One statement on a connection of the pool, outside any transaction (atomic by itself), prepared once per connection. */
export async function runStatement<Row>(pool: Pool, text: string, parameters: unknown[] = []): Promise<Row[]> {
  const client = await pool.connect();
  let broken = false;
  try {
    return (await new PreparedStatements(client).query(text, parameters)) as Row[];
  } catch (error) {
    // A statement error leaves the connection usable; a lost connection does not.
    broken = !(error as { code?: string }).code;
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Each statement on a connection of the pool, by itself (autocommit), prepared once per connection. */
export function pooledStatements(pool: Pool): Sql {
  return { query: (text, parameters) => runStatement(pool, text, parameters) };
}

/** A column of a multi-row insert: its name, its PostgreSQL type, and how a row gives its value. */
export interface InsertColumn<Row> {
  readonly name: string;
  readonly type: string;
  readonly value: (row: Row) => unknown;
}

/**
 * A multi-row INSERT as one statement with one array parameter per column (unnest), so its text is the same
 * however many rows there are and it is prepared once. `tail` follows the SELECT (ON CONFLICT …, RETURNING …).
 */
export function insertRows<Row>(table: string, columns: readonly InsertColumn<Row>[], tail = '') {
  const text =
    `INSERT INTO ${table} (${columns.map((column) => column.name).join(', ')}) ` +
    `SELECT * FROM unnest(${columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ')}) ${tail}`;
  /** Its parameters for `rows`, one array per column: `$1` to `$columnCount`, for a statement that embeds `text`. */
  const parametersOf = (rows: readonly Row[]): unknown[][] => columns.map((column) => rows.map(column.value));
  return {
    text,
    columnCount: columns.length,
    parametersOf,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    run: (sql: Sql, rows: readonly Row[]): Promise<any[]> => sql.query(text, parametersOf(rows)),
  };
}
