/**
 * `npm run intake:rekey`: after a new key was put first in INTAKE_PII_KEYS (the older ones kept after it), seals every
 * requester's personal data again under the new key. Connects as intake's own role, like intake. Idempotent.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadInfrastructureConfig, readServiceDatabaseUrl, ConfigError } from '@ugov/platform';
import { PersonalDataCipher } from '../apps/intake/src/infra/personal-data/personal-data.cipher';
import { loadPersonalDataKeys } from '../apps/intake/src/infra/personal-data/personal-data.config';
import { rekeyPersonalData } from '../apps/intake/src/rekey-personal-data/rekey-personal-data';

async function main(): Promise<number> {
  let url: string;
  let cipher: PersonalDataCipher;
  try {
    const problems: string[] = [];
    url = readServiceDatabaseUrl('intake', loadInfrastructureConfig().databaseUrl, process.env, problems);
    if (problems.length > 0) throw new ConfigError(problems.join('; '));
    cipher = new PersonalDataCipher(loadPersonalDataKeys());
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const dataSource = await new DataSource({ type: 'postgres', url, applicationName: 'ugov-intake-rekey', extra: { max: 1 } }).initialize();
  try {
    const resealed = await rekeyPersonalData(dataSource, cipher);
    console.log(`intake: ${resealed} case(s) sealed again under key "${cipher.currentKeyId}"`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`rekey failed: ${error.message}`);
    process.exit(1);
  },
);
