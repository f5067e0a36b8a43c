import { Client } from 'pg';
import { readFileSync } from 'node:fs';
import { pidsWithCommandLine, type ProcessTree } from './cpu-usage';

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
    const stat = readFileSync(`/proc/${rows[0].pid}/stat`, 'utf8');
    // A backend's parent is the postmaster; the fields after the command name's last ')' start at field 3 (state).
    return { root: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) };
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
