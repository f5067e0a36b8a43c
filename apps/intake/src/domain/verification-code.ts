import { randomInt } from 'node:crypto';

/** Letters and digits a requester cannot confuse when reading the code aloud or typing it (no 0/O, 1/I/L). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const VERIFICATION_CODE_LENGTH = 8;

/** A new verification code: 8 characters of 31, about 40 bits, given once to the requester with the tracking number. */
export function newVerificationCode(): string {
  return Array.from({ length: VERIFICATION_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

export interface TrackingCredential {
  readonly trackingNumber: string;
  readonly verificationCode: string;
}

/**
 * `Authorization: Tracking <tracking number>:<verification code>`. The code is compared as written by the requester
 * in upper case, spaces and dashes aside; anything else is no credential at all.
 */
export function parseTrackingCredential(header: string | undefined): TrackingCredential | undefined {
  const match = /^Tracking\s+(UG\d{14}):([0-9A-Za-z -]{1,40})$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const verificationCode = match[2].replace(/[ -]/g, '').toUpperCase();
  return verificationCode ? { trackingNumber: match[1].toUpperCase(), verificationCode } : undefined;
}
