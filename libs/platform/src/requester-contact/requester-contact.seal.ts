import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '../config';

/** The languages a requester can be answered in; zh-Hans unless the case says otherwise. */
export const REPLY_LANGUAGES = ['zh-Hans', 'zh-Hant', 'en', 'fr', 'ja'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

/**
 * What publication needs to deliver a reply to its requester, and nothing more: no name, no ID number.
 * Each field is present only when the case has it.
 */
export interface RequesterContact {
  readonly phone?: string;
  readonly email?: string;
  /** The integrator's callback for this case (webhook delivery, signed with the integrator's secret). */
  readonly callbackUrl?: string;
  /** The integrator that submitted the case: names the webhook secret publication signs with. */
  readonly integrator?: string;
  /** The app installation to notify (app push). */
  readonly pushToken?: string;
  readonly language: ReplyLanguage;
}

export interface ContactKeys {
  readonly currentKeyId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}

const VERSION = 'c1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/**
 * PUBLICATION_CONTACT_KEY: `keyId:base64,…` of 32-byte AES-256 keys, the current key first, older ones after it
 * (so that contacts sealed before a rotation still open). Held by intake and publication only; required by both.
 */
export function loadContactKeys(env: NodeJS.ProcessEnv = process.env): ContactKeys {
  const problems: string[] = [];
  const keys = aesKeyList('PUBLICATION_CONTACT_KEY', env.PUBLICATION_CONTACT_KEY, problems);
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return { currentKeyId: [...keys.keys()][0], keys };
}

/**
 * A list of AES-256 keys as a setting writes it, `keyId:base64,…` (the current key first, older ones after it to
 * read what they sealed): the keys by id, and a line in `problems` for each wrong or missing entry.
 */
export function aesKeyList(variable: string, value: string | undefined, problems: string[]): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  const listed = (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
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

/**
 * Seals a requester's delivery contact for publication (AES-256-GCM, bound to the case id: a sealed contact moved to
 * another case does not open). Sealed form: `c1.<keyId>.<base64url of iv, tag and ciphertext>`.
 */
export class RequesterContactSeal {
  constructor(private readonly keys: ContactKeys) {}

  seal(contact: RequesterContact, caseId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.keys.get(this.keys.currentKeyId)!, iv);
    cipher.setAAD(associatedData(caseId));
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(contact), 'utf8'), cipher.final()]);
    return `${VERSION}.${this.keys.currentKeyId}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** Fails (never returns another case's contact) when the key is unknown or the value or case does not match. */
  open(sealed: string, caseId: string): RequesterContact {
    const [version, keyId, payload, extra] = sealed.split('.');
    if (version !== VERSION || payload === undefined || extra !== undefined) throw new Error('the value is not a sealed requester contact');
    const key = this.keys.keys.get(keyId);
    if (!key) throw new Error(`the contact is sealed with key "${keyId}", which PUBLICATION_CONTACT_KEY no longer holds`);
    const bytes = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(associatedData(caseId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plaintext = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    return JSON.parse(plaintext) as RequesterContact;
  }
}

function associatedData(caseId: string): Buffer {
  return Buffer.from(`${caseId}/requester-contact`, 'utf8');
}
