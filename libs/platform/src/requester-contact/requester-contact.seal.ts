import { ConfigError } from '../config';
import { aesKeyList, openSealedValue, sealValue, type SealedKind, type SealingKeys } from '../sealing';

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

/** The keys of PUBLICATION_CONTACT_KEY. */
export type ContactKeys = SealingKeys;

const SEALED_CONTACT: SealedKind = { version: 'c1', name: 'requester contact', keyVariable: 'PUBLICATION_CONTACT_KEY' };

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
 * Seals a requester's delivery contact for publication (AES-256-GCM, bound to the case id: a sealed contact moved to
 * another case does not open). Sealed form: `c1.<keyId>.<base64url of iv, tag and ciphertext>`.
 */
export class RequesterContactSeal {
  constructor(private readonly keys: ContactKeys) {}

  seal(contact: RequesterContact, caseId: string): string {
    return sealValue(this.keys, SEALED_CONTACT, JSON.stringify(contact), boundTo(caseId));
  }

  /** Fails (never returns another case's contact) when the key is unknown or the value or case does not match. */
  open(sealed: string, caseId: string): RequesterContact {
    return JSON.parse(openSealedValue(this.keys, SEALED_CONTACT, sealed, boundTo(caseId), 'the value')) as RequesterContact;
  }
}

function boundTo(caseId: string): string {
  return `${caseId}/requester-contact`;
}
