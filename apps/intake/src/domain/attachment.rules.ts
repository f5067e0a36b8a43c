const MIB = 1024 * 1024;

/** The files a case may refer to, and the largest of each kind: photos, scans, recordings of calls, short videos. */
export const ATTACHMENT_MEDIA_TYPES: Readonly<Record<string, number>> = {
  'image/jpeg': 10 * MIB,
  'image/png': 10 * MIB,
  'image/webp': 10 * MIB,
  'application/pdf': 20 * MIB,
  'audio/mpeg': 20 * MIB,
  'audio/amr': 20 * MIB,
  'audio/wav': 20 * MIB,
  'video/mp4': 100 * MIB,
};

/** Attachments one case may carry (a service application's materials count on their own). */
export const MAX_ATTACHMENTS = 9;

/** Why `sizeBytes` is too large for a file of `mediaType`, or undefined when it fits (an unknown type is refused by its own rule). */
export function attachmentSizeProblemOf(field: string, sizeBytes: unknown, mediaType: unknown): string | undefined {
  if (typeof sizeBytes !== 'number' || !Number.isInteger(sizeBytes) || sizeBytes < 1)
    return `${field} must be a whole number of bytes, at least 1`;
  const limit = typeof mediaType === 'string' ? ATTACHMENT_MEDIA_TYPES[mediaType] : undefined;
  if (limit !== undefined && sizeBytes > limit) return `${field} must be at most ${limit} bytes for ${mediaType}`;
  return undefined;
}
