import { chinaDateOf } from '@ugov/calendar';

/**
 * The number a citizen quotes on the phone (受理编号): "UG", the acceptance date in China time,
 * and a sequence number. Short, sortable, and never reused.
 */
export function trackingNumberOf(acceptedAt: Date, sequence: number): string {
  return `UG${chinaDateOf(acceptedAt).replace(/-/g, '')}${String(sequence).padStart(6, '0')}`;
}
