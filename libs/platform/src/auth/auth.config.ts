import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { DEV_API_KEYS, parseApiKeys, type ApiKeyTable } from './api-keys';

/** Where staff and department-system tokens come from, and what they must say. */
export interface StaffTokenSettings {
  /** The identity provider's signing keys: a JWKS URL it serves, or a JWKS document read from a file at start-up. */
  readonly jwks: { readonly url: string } | { readonly keys: JSONWebKeySet; readonly file: string };
  readonly issuer: string;
  readonly audience: string;
  readonly clockSkewSeconds: number;
  /** Claim (dotted path, e.g. `realm_access.roles`) holding the caller's ugov roles. */
  readonly rolesClaim: string;
  /** Claim holding the department codes a department principal acts for. */
  readonly departmentsClaim: string;
}

export interface AuthConfig {
  /** UGOV_DEV_AUTH=true: the public development keys and the local development issuer are trusted. */
  readonly devAuth: boolean;
  /** The development keys (empty unless devAuth). */
  readonly devKeys: ApiKeyTable;
  readonly staffTokens: StaffTokenSettings;
}

/** Where the development issuer listens unless UGOV_DEV_ISSUER_URL says otherwise (scripts/stack.sh starts it). */
export const DEFAULT_DEV_ISSUER_URL = 'http://127.0.0.1:3009';
export const DEFAULT_JWT_AUDIENCE = 'ugov';

export function readAuthConfig(env: NodeJS.ProcessEnv, problems: string[]): AuthConfig {
  const devSwitch = env.UGOV_DEV_AUTH ?? 'false';
  if (devSwitch !== 'true' && devSwitch !== 'false') problems.push(`UGOV_DEV_AUTH: must be true or false, got "${devSwitch}"`);
  const devAuth = devSwitch === 'true';
  if (env.UGOV_API_KEYS !== undefined)
    problems.push("UGOV_API_KEYS: no longer read; integrators' keys live in intake's database (npm run keys), staff sign in with tokens");

  const devIssuer = (env.UGOV_DEV_ISSUER_URL ?? DEFAULT_DEV_ISSUER_URL).replace(/\/$/, '');
  let jwks: StaffTokenSettings['jwks'] = { url: `${devIssuer}/.well-known/jwks.json` };
  if (env.UGOV_JWKS_URL !== undefined && env.UGOV_JWKS_FILE !== undefined) {
    problems.push('UGOV_JWKS_URL, UGOV_JWKS_FILE: set one, not both');
  } else if (env.UGOV_JWKS_URL !== undefined) {
    if (!/^https?:\/\/\S+$/.test(env.UGOV_JWKS_URL)) problems.push(`UGOV_JWKS_URL: must be an http(s) URL, got "${env.UGOV_JWKS_URL}"`);
    jwks = { url: env.UGOV_JWKS_URL };
  } else if (env.UGOV_JWKS_FILE !== undefined) {
    try {
      const keys = JSON.parse(readFileSync(env.UGOV_JWKS_FILE, 'utf8')) as JSONWebKeySet;
      if (!Array.isArray(keys.keys) || keys.keys.length === 0) throw new Error('it has no "keys"');
      jwks = { keys, file: env.UGOV_JWKS_FILE };
    } catch (error) {
      problems.push(`UGOV_JWKS_FILE: cannot read a JWKS from "${env.UGOV_JWKS_FILE}": ${(error as Error).message}`);
    }
  } else if (!devAuth) {
    problems.push("UGOV_JWKS_URL or UGOV_JWKS_FILE: required, the identity provider's signing keys (or UGOV_DEV_AUTH=true in development)");
  }

  const issuer = env.UGOV_JWT_ISSUER ?? (devAuth ? devIssuer : undefined);
  if (!issuer) problems.push("UGOV_JWT_ISSUER: required, the identity provider's issuer (the tokens' `iss`)");

  const clockSkewSeconds = Number(env.UGOV_JWT_CLOCK_SKEW_SECONDS ?? 30);
  if (!Number.isInteger(clockSkewSeconds) || clockSkewSeconds < 0 || clockSkewSeconds > 300)
    problems.push(`UGOV_JWT_CLOCK_SKEW_SECONDS: must be an integer from 0 to 300, got "${env.UGOV_JWT_CLOCK_SKEW_SECONDS}"`);

  const claim = (variable: string, fallback: string): string => {
    const value = env[variable] ?? fallback;
    if (!/^[\w:/.-]+$/.test(value)) problems.push(`${variable}: must be a claim name or dotted path, got "${value}"`);
    return value;
  };

  return {
    devAuth,
    devKeys: devAuth ? parseApiKeys(DEV_API_KEYS) : new Map(),
    staffTokens: {
      jwks,
      issuer: issuer ?? '',
      audience: env.UGOV_JWT_AUDIENCE ?? DEFAULT_JWT_AUDIENCE,
      clockSkewSeconds,
      rolesClaim: claim('UGOV_JWT_ROLES_CLAIM', 'roles'),
      departmentsClaim: claim('UGOV_JWT_DEPARTMENTS_CLAIM', 'departments'),
    },
  };
}
