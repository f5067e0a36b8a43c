import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';

export interface ServiceDatabaseSettings {
  readonly url: string;
  /** Each service owns one PostgreSQL schema and never touches another's. */
  readonly schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: MixedList<Function>;
  readonly poolSize?: number;
}

export function serviceDataSourceOptions(settings: ServiceDatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    schema: settings.schema,
    entities: settings.entities,
    migrations: settings.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    applicationName: `ugov-${settings.schema}`,
    extra: { max: settings.poolSize ?? 10, connectionTimeoutMillis: 5000 },
  };
}

/**
 * Creates the service's schema if needed and runs its pending migrations, one instance at a time
 * (an advisory lock keeps two replicas starting together from racing).
 */
export async function migrateServiceDatabase(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`ugov.migrations.${schema}`]);
    // A service's own role owns its schema but may not create schemas, and PostgreSQL checks that right even
    // for CREATE SCHEMA IF NOT EXISTS; so only a missing schema is created (by a role that may).
    const [{ present }] = (await runner.query('SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1) AS present', [schema])) as {
      present: boolean;
    }[];
    if (!present) await runner.query(`CREATE SCHEMA "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`ugov.migrations.${schema}`]).catch(() => undefined);
    await runner.release();
  }
}

export async function openServiceDatabase(settings: ServiceDatabaseSettings): Promise<DataSource> {
  const dataSource = new DataSource(serviceDataSourceOptions(settings));
  await dataSource.initialize();
  try {
    await migrateServiceDatabase(dataSource, settings.schema);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
