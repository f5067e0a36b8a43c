import { newVerificationCode, parseTrackingCredential, VERIFICATION_CODE_LENGTH } from './verification-code';

describe('verification codes', () => {
  it('are 8 unambiguous characters, different each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, newVerificationCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(new RegExp(`^[2-9A-HJKMNP-Z]{${VERIFICATION_CODE_LENGTH}}$`));
  });

  it('reads the tracking credential, forgiving case, spaces and dashes in the code', () => {
    expect(parseTrackingCredential('Tracking UG20261130000042:AB3D-EF7H')).toEqual({ trackingNumber: 'UG20261130000042', verificationCode: 'AB3DEF7H' });
    expect(parseTrackingCredential('tracking ug20261130000042:ab3d ef7h')).toEqual({ trackingNumber: 'UG20261130000042', verificationCode: 'AB3DEF7H' });
  });

  it.each([undefined, '', 'Bearer dev-portal-key', 'Tracking UG2026:AB3DEF7H', 'Tracking UG20261130000042', 'Tracking UG20261130000042:', 'Tracking UG20261130000042:--'])(
    'sees no credential in %p',
    (header) => {
      expect(parseTrackingCredential(header)).toBeUndefined();
    },
  );
});
