import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { StaffTokenSettings } from './auth.config';
import { DEPARTMENT_ROLES, isRole, type Principal, type Role } from './principal';

/** A token that proves nothing: expired, from another issuer or audience, badly signed, or saying too little. */
export class TokenRejected extends Error {
  override readonly name = 'TokenRejected';
}

/** The identity provider's keys could not be fetched: the caller is not at fault, and may retry. */
export class IdentityProviderUnreachable extends Error {
  override readonly name = 'IdentityProviderUnreachable';
}

/** Roles a token may grant: integrators use keys from intake, requesters their tracking code. */
const TOKEN_ROLES: readonly Role[] = ['department', 'department-system', 'dispatcher', 'reviewer', 'supervisor', 'admin'];
const ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'];

export function looksLikeJwt(credential: string): boolean {
  return /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(credential);
}

/** Verifies staff and department-system bearer JWTs against the identity provider's JWKS, and reads their roles. */
export class StaffTokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly settings: StaffTokenSettings) {
    this.keys =
      'url' in settings.jwks
        ? createRemoteJWKSet(new URL(settings.jwks.url), { timeoutDuration: 3000, cooldownDuration: 30_000, cacheMaxAge: 600_000 })
        : createLocalJWKSet(settings.jwks.keys);
  }

  async verify(token: string): Promise<Principal> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: this.settings.clockSkewSeconds,
        algorithms: ALGORITHMS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw rejectionOf(error);
    }
    return this.principalOf(payload);
  }

  private principalOf(payload: JWTPayload): Principal {
    const roles = stringsAt(payload, this.settings.rolesClaim).filter((role): role is Role => isRole(role) && TOKEN_ROLES.includes(role));
    if (roles.length === 0) throw new TokenRejected(`the token grants no ugov role in its "${this.settings.rolesClaim}" claim`);
    const departments = stringsAt(payload, this.settings.departmentsClaim);
    const actsForDepartments = roles.some((role) => DEPARTMENT_ROLES.includes(role));
    if (roles.includes('department-system') && departments.length !== 1)
      throw new TokenRejected(`a department system's token names exactly one department in "${this.settings.departmentsClaim}"`);
    if (actsForDepartments && departments.length === 0)
      throw new TokenRejected(`a department token names its departments in "${this.settings.departmentsClaim}"`);
    return { subject: payload.sub!, roles, departments: actsForDepartments ? departments : [] };
  }
}

/** A claim's strings, at a dotted path; a single string counts as a list of one, and a space-separated one (like `scope`) too. */
export function stringsAt(payload: JWTPayload, path: string): string[] {
  let value: unknown = payload;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.length > 0) : [];
}

function rejectionOf(error: unknown): Error {
  if (error instanceof errors.JWTExpired) return new TokenRejected('the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const reasons: Record<string, string> = {
      iss: 'the token was not issued by the trusted identity provider',
      aud: 'the token is not meant for ugov (audience)',
      nbf: 'the token is not valid yet',
      sub: 'the token names no subject',
      exp: 'the token has no expiry',
    };
    return new TokenRejected(reasons[error.claim] ?? `the token's "${error.claim}" claim is not acceptable`);
  }
  if (keysUnavailable(error)) return new IdentityProviderUnreachable("the identity provider's keys cannot be fetched right now");
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed)
    return new TokenRejected('the token is not signed by a key of the trusted identity provider');
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRejected("the token's signing algorithm is not accepted");
  return new TokenRejected('the token is not a valid JWT');
}

/** The keys could not be had: no answer (fetch's TypeError, compared by name as it may come from another realm), a timeout, or an answer that is not a key set. */
function keysUnavailable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  if (error instanceof errors.JOSEError) return /JSON Web Key Set HTTP response/.test(error.message);
  return (error as Error | undefined)?.name === 'TypeError';
}
