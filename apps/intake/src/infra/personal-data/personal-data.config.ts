import { aesKeyList, ConfigError, type SealingKeys } from '@ugov/platform';

/** The first key of INTAKE_PII_KEYS seals everything written from now on; the others open what they sealed. */
export interface PersonalDataKeys extends SealingKeys {
  /** Keys the lookup hashes (HMAC-SHA256); separate from the encryption keys. */
  readonly hashKey: Buffer;
}

/**
 * INTAKE_PII_KEYS: `keyId:base64,…`, 32-byte AES-256 keys, the current key first, older ones after it so that what
 * they sealed can still be read (until `npm run intake:rekey` has sealed it again under the current key).
 * INTAKE_PII_HASH_KEY: base64 of at least 32 bytes. Both are required: there is no default key, in any environment;
 * the development and test scripts make their own.
 */
export function loadPersonalDataKeys(env: NodeJS.ProcessEnv = process.env): PersonalDataKeys {
  const problems: string[] = [];
  const keys = aesKeyList('INTAKE_PII_KEYS', env.INTAKE_PII_KEYS, problems);
  const hashKey = Buffer.from(env.INTAKE_PII_HASH_KEY ?? '', 'base64');
  if (hashKey.length < 32) problems.push(`INTAKE_PII_HASH_KEY: required, base64 of at least 32 random bytes, got ${hashKey.length}`);
  else if ([...keys.values()].some((key) => key.equals(hashKey)))
    problems.push('INTAKE_PII_HASH_KEY: must differ from every encryption key');
  if (problems.length > 0) throw new ConfigError(`invalid configuration of intake:\n  ${problems.join('\n  ')}`);
  return { currentKeyId: [...keys.keys()][0], keys, hashKey };
}
