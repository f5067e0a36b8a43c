import { ATTACHMENT_MEDIA_TYPES, attachmentSizeProblemOf } from './attachment.rules';

describe('attachment sizes', () => {
  it('fit up to the limit of their media type, and not a byte more', () => {
    expect(attachmentSizeProblemOf('sizeBytes', 10 * 1024 * 1024, 'image/jpeg')).toBeUndefined();
    expect(attachmentSizeProblemOf('sizeBytes', 10 * 1024 * 1024 + 1, 'image/jpeg')).toBe(
      'sizeBytes must be at most 10485760 bytes for image/jpeg',
    );
    expect(attachmentSizeProblemOf('sizeBytes', 50 * 1024 * 1024, 'video/mp4')).toBeUndefined();
  });

  it('are whole positive numbers of bytes', () => {
    for (const bad of [0, -1, 1.5, '12', null])
      expect(attachmentSizeProblemOf('sizeBytes', bad, 'image/png')).toMatch(/whole number of bytes/);
  });

  it('have a limit for every accepted media type', () => {
    for (const limit of Object.values(ATTACHMENT_MEDIA_TYPES)) expect(limit).toBeGreaterThan(0);
  });
});
