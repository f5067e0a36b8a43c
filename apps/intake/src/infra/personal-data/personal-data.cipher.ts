import { createHmac } from 'node:crypto';
import { openSealedValue, sealValue, type SealedKind } from '@ugov/platform';
import { normalisedIdNumber, normalisedPhone } from '../../domain/personal-data';
import type { PersonalDataKeys } from './personal-data.config';

/** Which personal datum a value is: part of what a sealed value is bound to, so it cannot be moved to another field. */
export type PersonalDataField = 'requester.name' | 'requester.phone' | 'requester.idNumber' | 'location.address';

const SEALED_PERSONAL_DATA: SealedKind = { version: 'v1', name: 'personal data', keyVariable: 'INTAKE_PII_KEYS' };

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
    return sealValue(this.keys, SEALED_PERSONAL_DATA, plaintext, boundTo(caseId, field));
  }

  /** Fails (never returns a wrong value) when the key is unknown or the value, case or field does not match. */
  open(sealed: string, caseId: string, field: PersonalDataField): string {
    return openSealedValue(this.keys, SEALED_PERSONAL_DATA, sealed, boundTo(caseId, field), `a ${field} value`);
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

function boundTo(caseId: string, field: PersonalDataField): string {
  return `${caseId}/${field}`;
}
