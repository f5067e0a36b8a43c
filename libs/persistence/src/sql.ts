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
  /** The value as it is (a jsonb column's object, not its JSON text; a bytea column's bytes; a Date; a bigint). */
  readonly value: (row: Row) => unknown;
}

/** How a value is spelt in the rows' JSON, where JSON.stringify alone would not give PostgreSQL's input for the type. */
function jsonValueOf(type: string): (value: unknown) => unknown {
  if (type === 'bytea')
    return (value) =>
      value instanceof Uint8Array ? `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}` : value;
  if (type === 'bigint' || type === 'int8') return (value) => (typeof value === 'bigint' ? value.toString() : value);
  return (value) => value;
}

/** How insertRows reads its rows, beyond the defaults. */
export interface InsertOptions {
  /** Inserts the rows in the given order (`WITH ORDINALITY`), for a table whose serial ids must follow it. */
  readonly ordered?: boolean;
  /** Joined to the rows (alias `r`) before they are inserted: `CROSS JOIN LATERAL (…)`, say, to take a lock per row. */
  readonly join?: string;
  /** The number of the rows' parameter, for a statement that embeds the INSERT after parameters of its own. */
  readonly parameter?: number;
}

/**
 * A multi-row INSERT as one statement whose rows are one JSON parameter (`json_to_recordset`), so its text is the
 * same however many rows there are and it is prepared once, and each value is written once: with one array per
 * column instead, pg spells a jsonb value as a string and then escapes every quote in it again for the array
 * literal. `tail` follows the rows (ON CONFLICT …, RETURNING …).
 */
export function insertRows<Row>(table: string, columns: readonly InsertColumn<Row>[], tail = '', options: InsertOptions = {}) {
  const { ordered = false, join = '', parameter = 1 } = options;
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const definitions = columns.map((column) => `"${column.name}" ${column.type}`).join(', ');
  const rows = ordered
    ? `ROWS FROM (json_to_recordset($${parameter}::json) AS (${definitions})) WITH ORDINALITY AS r(${names}, row_number)`
    : `json_to_recordset($${parameter}::json) AS r(${definitions})`;
  const text = [
    `INSERT INTO ${table} (${names}) SELECT ${columns.map((column) => `r."${column.name}"`).join(', ')}`,
    `FROM ${rows}`,
    join,
    ordered ? 'ORDER BY r.row_number' : '',
    tail,
  ]
    .filter(Boolean)
    .join(' ');
  const spellings = columns.map((column) => ({ name: column.name, value: column.value, spell: jsonValueOf(column.type) }));
  /** The rows' JSON: the statement's one parameter. */
  const parameterOf = (rows: readonly Row[]): string =>
    JSON.stringify(
      rows.map((row) => {
        const record: Record<string, unknown> = {};
        for (const column of spellings) record[column.name] = column.spell(column.value(row));
        return record;
      }),
    );
  return {
    text,
    /** The number of the rows' parameter in `text`: a statement that embeds it numbers its own parameters around it. */
    parameter,
    parameterOf,
    /** Inserts the rows (no round trip for none) and resolves with what `tail` returns. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    run: async (sql: Sql, rows: readonly Row[]): Promise<any[]> => (rows.length === 0 ? [] : sql.query(text, [parameterOf(rows)])),
  };
}
