import { createHash } from 'node:crypto';

/** Who is calling: an integrator channel, a department, a dispatcher or oversight staff. */
export type Role = 'integrator' | 'department' | 'dispatcher' | 'supervisor';

export interface Principal {
  readonly role: Role;
  /** The integrator's name, or the department's code, or the supervising body. */
  readonly subject: string;
}

/** Keys are kept only as SHA-256 digests, so a heap dump or log line never shows one. */
export type ApiKeyTable = ReadonlyMap<string, Principal>;

const ROLES: readonly Role[] = ['integrator', 'department', 'dispatcher', 'supervisor'];

/**
 * Keys for local development and tests only; production must set UGOV_API_KEYS.
 * Format: `key=role:subject`, comma-separated.
 */
export const DEV_API_KEYS = [
  'dev-portal-key=integrator:web-portal',
  'dev-hotline-key=integrator:hotline-12345',
  'dev-open311-key=integrator:open311',
  'dev-dispatcher-key=dispatcher:city-dispatch-center',
  'dev-supervisor-key=supervisor:city-supervision-office',
  ...[
    'city-housing',
    'city-environment',
    'city-transport',
    'city-education',
    'city-hrss',
    'city-commerce',
    'city-health',
    'a2-housing',
  ].map((department) => `dev-${department}-key=department:${department}`),
].join(',');

export function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function parseApiKeys(spec: string): ApiKeyTable {
  const table = new Map<string, Principal>();
  for (const entry of spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([^=\s]{12,})=(\w+):([\w.-]+)$/.exec(entry);
    if (!match) throw new Error(`entry "${entry.replace(/^[^=]*/, '…')}" must be key=role:subject with a key of at least 12 characters`);
    const [, key, role, subject] = match;
    if (!ROLES.includes(role as Role)) throw new Error(`role "${role}" is not one of ${ROLES.join(', ')}`);
    table.set(digestOf(key), { role: role as Role, subject });
  }
  return table;
}

/** A lookup by digest: its timing tells a caller nothing about any key, since nobody chooses the digest's bytes. */
export function findPrincipal(table: ApiKeyTable, presentedKey: string): Principal | undefined {
  return table.get(digestOf(presentedKey));
}
