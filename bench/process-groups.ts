import { Client } from 'pg';
import { parentOf, pidsWithCommandLine, type ProcessTree } from './cpu-usage';

/**
 * The PostgreSQL server: the postmaster and every process it starts (a backend per connection, autovacuum workers,
 * the WAL writer, the checkpointer …), as a tree, since backends and workers come and go during a window. On a
 * benchmark's machine nothing else uses the server.
 */
export async function postgresServer(databaseUrl: string): Promise<ProcessTree> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // A backend's parent is the postmaster.
    const root = parentOf(rows[0].pid);
    if (root === undefined) throw new Error(`PostgreSQL backend ${rows[0].pid} is not a process of this machine`);
    return { root };
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
