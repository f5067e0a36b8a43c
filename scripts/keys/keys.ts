/**
 * `npm run keys -- <command>`: manages integrators and their API keys in intake's database (DATABASE_URL),
 * as the admin API does. A new key's secret is printed once; ugov keeps only its hash.
 */
import 'reflect-metadata';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { loadInfrastructureConfig } from '@ugov/platform';
import { migrateServiceDatabase, serviceDataSourceOptions } from '@ugov/persistence';
import { DEFAULT_ROTATION_OVERLAP_SECONDS } from '../../apps/intake/src/domain/integrator-key';
import { intakeEntities, intakeMigrations } from '../../apps/intake/src/infra/intake.database';
import { IntegratorKeys, type IssuedKey } from '../../apps/intake/src/manage-integrator-keys/integrator-keys.service';
import { parseKeysArguments, type KeysCommand } from './keys-arguments';

async function run(command: KeysCommand, keys: IntegratorKeys, actor: string): Promise<void> {
  const showIssued = ({ key, record }: IssuedKey) => {
    console.log(
      `key ${record.id} for ${record.integrator}: channels ${record.channels.join(',')}, operations ${record.operations.join(',')}, ` +
        `${record.rateLimitPerMinute} requests a minute`,
    );
    console.log(`secret (shown this once; send it as "Authorization: Bearer <secret>"):\n${key}`);
  };
  switch (command.command) {
    case 'register':
      await keys.registerIntegrator(command.integrator, actor);
      console.log(`registered integrator ${command.integrator}`);
      return;
    case 'issue':
      return showIssued(await keys.issueKey(command.integrator, command, actor));
    case 'rotate': {
      const rotated = await keys.rotateKey(command.keyId, command.overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS, actor);
      showIssued(rotated);
      console.log(`the old key ${command.keyId} works until ${rotated.oldKeyExpiresAt.toISOString()}`);
      return;
    }
    case 'revoke':
      await keys.revokeKey(command.keyId, actor);
      console.log(`revoked key ${command.keyId}`);
      return;
    case 'list':
      for (const integrator of await keys.listIntegrators()) {
        console.log(integrator.name);
        for (const key of integrator.keys) {
          const state = key.revokedAt
            ? `revoked ${key.revokedAt.toISOString()}`
            : key.expiresAt
              ? `expires ${key.expiresAt.toISOString()}`
              : 'active';
          console.log(
            `  ${key.id}  ${state}  channels ${key.channels.join(',')}  operations ${key.operations.join(',')}  ${key.rateLimitPerMinute}/min`,
          );
        }
      }
  }
}

async function main(): Promise<void> {
  const command = parseKeysArguments(process.argv.slice(2));
  const { databaseUrl } = loadInfrastructureConfig();
  const dataSource = await new DataSource(
    serviceDataSourceOptions({ url: databaseUrl, schema: 'intake', entities: intakeEntities, migrations: intakeMigrations }),
  ).initialize();
  try {
    await migrateServiceDatabase(dataSource, 'intake');
    await run(command, new IntegratorKeys(dataSource), `cli:${userInfo().username}`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`keys: ${error.message}`);
  process.exit(1);
});
