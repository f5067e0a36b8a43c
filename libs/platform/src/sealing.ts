import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomBytesFromBlock } from '@ugov/observability';

/** AES-256 keys by id: the current one seals, every one listed opens what it sealed (a rotation keeps the old ones). */
export interface SealingKeys {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A list of AES-256 keys as a setting writes it, `keyId:base64,…` (the current key first, older ones after it to
 * read what they sealed): the keys by id, and a line in `problems` for each wrong or missing entry.
 */
export function aesKeyList(variable: string, value: string | undefined, problems: string[]): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const listed = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (listed.length === 0) problems.push(`${variable}: required, as keyId:base64 of 32 random bytes (current key first)`);
  for (const [position, entry] of listed.entries()) {
    const separator = entry.indexOf(':');
    const keyId = separator < 0 ? '' : entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (!KEY_ID.test(keyId)) problems.push(`${variable}: entry ${position + 1} needs a key id of letters, digits, '_' or '-' before ':'`);
    else if (keys.has(keyId)) problems.push(`${variable}: key id "${keyId}" appears twice`);
    else if (key.length !== 32) problems.push(`${variable}: key "${keyId}" must be base64 of exactly 32 bytes, got ${key.length}`);
    else keys.set(keyId, key);
  }
  return keys;
}

/** One kind of sealed value: the prefix of its sealed form, what its errors call it, and the setting with its keys. */
export interface SealedKind {
  readonly version: string;
  readonly name: string;
  readonly keyVariable: string;
}

/**
 * AES-256-GCM under the current key, bound to `boundTo` (authenticated, not stored: the value opens only for the same
 * case and field). The sealed form is `<version>.<keyId>.<base64url of iv, tag and ciphertext>`.
 */
export function sealValue(keys: SealingKeys, kind: SealedKind, plaintext: string, boundTo: string): string {
  const iv = randomBytesFromBlock(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.keys.get(keys.currentKeyId)!, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${kind.version}.${keys.currentKeyId}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

/**
 * Opens what `sealValue` sealed, with whichever key sealed it; fails (never returns a wrong value) on any mismatch. `what`
 * names the value in the error ("a requester.phone value").
 */
export function openSealedValue(keys: SealingKeys, kind: SealedKind, sealed: string, boundTo: string, what: string): string {
  const [version, keyId, payload, extra] = sealed.split('.');
  if (version !== kind.version || payload === undefined || extra !== undefined) throw new Error(`${what} is not sealed ${kind.name}`);
  const key = keys.keys.get(keyId);
  if (!key) throw new Error(`${what} is sealed with key "${keyId}", which ${kind.keyVariable} no longer holds`);
  const bytes = Buffer.from(payload, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(boundTo, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
