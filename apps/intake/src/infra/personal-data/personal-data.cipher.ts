import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { normalisedIdNumber, normalisedPhone } from '../../domain/personal-data';
import type { PersonalDataKeys } from './personal-data.config';

/** Which personal datum a value is: part of what a sealed value is bound to, so it cannot be moved to another field. */
export type PersonalDataField = 'requester.name' | 'requester.phone' | 'requester.idNumber' | 'location.address';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals a requester's personal data for storage (AES-256-GCM; a sealed value reads `v1.<keyId>.<base64url of
 * iv, tag and ciphertext>`, bound to its case and field), opens it with whichever configured key sealed it,
 * and hashes phones and ID numbers with a separate key for lookups such as repeat detection (and requesters'
 * verification codes, which are stored only so).
 */
export class PersonalDataCipher {
  constructor(private readonly keys: PersonalDataKeys) {}

  get currentKeyId(): string {
    return this.keys.currentKeyId;
  }

  seal(plaintext: string, caseId: string, field: PersonalDataField): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.keys.get(this.keys.currentKeyId)!, iv);
    cipher.setAAD(associatedData(caseId, field));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${this.keys.currentKeyId}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
  }

  /** Fails (never returns a wrong value) when the key is unknown or the value, case or field does not match. */
  open(sealed: string, caseId: string, field: PersonalDataField): string {
    const [version, keyId, payload, extra] = sealed.split('.');
    if (version !== VERSION || payload === undefined || extra !== undefined) throw new Error(`a ${field} value is not sealed personal data`);
    const key = this.keys.keys.get(keyId);
    if (!key) throw new Error(`a ${field} value is sealed with key "${keyId}", which INTAKE_PII_KEYS no longer holds`);
    const bytes = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(associatedData(caseId, field));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Whether a sealed value was sealed with an older key (and needs sealing again on rotation). */
  isSealedWithOlderKey(sealed: string): boolean {
    return sealed.split('.')[1] !== this.keys.currentKeyId;
  }

  phoneHash(phone: string): string {
    return this.lookupHash('phone', normalisedPhone(phone));
  }

  idNumberHash(idNumber: string): string {
    return this.lookupHash('id-number', normalisedIdNumber(idNumber));
  }

  /** The only form in which a requester's verification code is stored: keyed, and bound to its tracking number. */
  verificationCodeHash(trackingNumber: string, verificationCode: string): string {
    return this.lookupHash('verification-code', `${trackingNumber}:${verificationCode}`);
  }

  private lookupHash(kind: string, normalised: string): string {
    return createHmac('sha256', this.keys.hashKey).update(`${kind}:${normalised}`).digest('hex');
  }
}

function associatedData(caseId: string, field: PersonalDataField): Buffer {
  return Buffer.from(`${caseId}/${field}`, 'utf8');
}
