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
    // The rest of the demonstration city's departments (apps/dispatch/catalog/demo-city.json).
    'city-office',
    'city-urban-management',
    'city-market',
    'city-civil-affairs',
    'city-police',
    'city-water',
    'city-natural-resources',
    'city-culture-tourism',
    'city-agriculture',
    'city-justice',
    'city-development',
    'city-industry-it',
    'city-discipline',
    'city-emergency',
    'city-finance',
    'city-science',
    'city-veterans',
    'city-forestry',
    'city-medical-security',
    'a2-office',
    'a2-urban-management',
    'a3-office',
    'a3-urban-management',
    'a5-office',
    'a5-housing',
    'a5-urban-management',
    'a7-office',
    'a7-urban-management',
    'a7-hrss',
    'a2-xianfeng-street',
    'a2-muyun-street',
    'a3-meixihu-street',
    'a3-yanghu-street',
    'a5-dongjing-street',
    'a5-guitang-street',
    'a7-xingsha-street',
    'a7-quantang-street',
    'a2-muyun-community',
    'a5-poyang-community',
    'a7-bancang-community',
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
