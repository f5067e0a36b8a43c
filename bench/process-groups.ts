import { Client } from 'pg';
import { pidsWithCommandLine } from './cpu-usage';

/**
 * The PostgreSQL processes that work for one database: its backends, plus the server's own
 * processes (WAL writer, checkpointer, …) that every commit leans on; with `earlier`, those listed when a measured
 * window opened as well. A pool that grows under load opens backends that a list taken before the load lacks, and
 * one that shrinks closes some: read at both edges, the window's PostgreSQL CPU is not counted as "everything else".
 */
export async function postgresPidsServing(databaseUrl: string, earlier: readonly number[] = []): Promise<number[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE (datname = current_database() AND pid <> pg_backend_pid()) OR backend_type <> 'client backend'`,
    );
    return [...new Set([...earlier, ...rows.map((row) => row.pid)])];
  } finally {
    await client.end();
  }
}

export function kafkaBrokerPids(): number[] {
  return pidsWithCommandLine('kafka.Kafka');
}

export async function countRows(databaseUrl: string, table: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${table}`);
    return Number(rows[0].count);
  } finally {
    await client.end();
  }
}
