/**
 * `npm run db:migrate`: applies every service's pending migrations (services also do this on start-up).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrateServiceDatabase, serviceDataSourceOptions } from '@ugov/persistence';
import { ConfigError, loadInfrastructureConfig, readServiceDatabaseUrl } from '@ugov/platform';
import { dispatchEntities, dispatchMigrations } from '../apps/dispatch/src/infra/dispatch.database';
import { intakeEntities, intakeMigrations } from '../apps/intake/src/infra/intake.database';
import { processingEntities, processingMigrations } from '../apps/processing/src/infra/processing.database';
import { publicationEntities, publicationMigrations } from '../apps/publication/src/infra/publication.database';
import { supervisionEntities, supervisionMigrations } from '../apps/supervision/src/infra/supervision.database';

const services = [
  { schema: 'intake' as const, entities: intakeEntities, migrations: intakeMigrations },
  { schema: 'dispatch' as const, entities: dispatchEntities, migrations: dispatchMigrations },
  { schema: 'processing' as const, entities: processingEntities, migrations: processingMigrations },
  { schema: 'publication' as const, entities: publicationEntities, migrations: publicationMigrations },
  { schema: 'supervision' as const, entities: supervisionEntities, migrations: supervisionMigrations },
];

async function main(): Promise<void> {
  const { databaseUrl } = loadInfrastructureConfig();
  for (const service of services) {
    // As the service's own role, so that what a migration creates belongs to the service (as on start-up).
    const problems: string[] = [];
    const url = readServiceDatabaseUrl(service.schema, databaseUrl, process.env, problems);
    if (problems.length > 0) throw new ConfigError(problems.join('; '));
    const dataSource = await new DataSource(serviceDataSourceOptions({ url, ...service })).initialize();
    try {
      const applied = await migrateServiceDatabase(dataSource, service.schema);
      console.log(`${service.schema}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    } finally {
      await dataSource.destroy();
    }
  }
}

main().catch((error: Error) => {
  console.error(`migration failed: ${error.message}`);
  process.exit(1);
});
