/**
 * `npm run db:migrate`: applies every service's pending migrations (services also do this on start-up).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrateServiceDatabase, serviceDataSourceOptions } from '@ugov/persistence';
import { dispatchEntities, dispatchMigrations } from '../apps/dispatch/src/infra/dispatch.database';
import { intakeEntities, intakeMigrations } from '../apps/intake/src/infra/intake.database';
import { processingEntities, processingMigrations } from '../apps/processing/src/infra/processing.database';
import { publicationEntities, publicationMigrations } from '../apps/publication/src/infra/publication.database';
import { supervisionEntities, supervisionMigrations } from '../apps/supervision/src/infra/supervision.database';

const services = [
  { schema: 'intake', entities: intakeEntities, migrations: intakeMigrations },
  { schema: 'dispatch', entities: dispatchEntities, migrations: dispatchMigrations },
  { schema: 'processing', entities: processingEntities, migrations: processingMigrations },
  { schema: 'publication', entities: publicationEntities, migrations: publicationMigrations },
  { schema: 'supervision', entities: supervisionEntities, migrations: supervisionMigrations },
];

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/ugov';
  for (const service of services) {
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
