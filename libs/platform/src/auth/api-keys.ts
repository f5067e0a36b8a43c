import { createHash } from 'node:crypto';
import { DEPARTMENT_ROLES, isRole, ROLES, type Principal } from './principal';

/** Keys are kept only as SHA-256 digests, so a heap dump or log line never shows one. */
export type ApiKeyTable = ReadonlyMap<string, Principal>;

/** The departments the development keys, users and systems act for. */
export const DEV_DEPARTMENTS = [
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
];

/**
 * Public keys for local development and tests, accepted only when UGOV_DEV_AUTH=true.
 * Format: `key=role:subject`, comma-separated; a department role's subject is its department code.
 */
export const DEV_API_KEYS = [
  'dev-portal-key=integrator:web-portal',
  'dev-hotline-key=integrator:hotline-12345',
  'dev-open311-key=integrator:open311',
  'dev-dispatcher-key=dispatcher:city-dispatch-center',
  'dev-reviewer-key=reviewer:city-review-office',
  'dev-supervisor-key=supervisor:city-supervision-office',
  'dev-admin-key=admin:city-platform-admin',
  ...DEV_DEPARTMENTS.map((department) => `dev-${department}-key=department:${department}`),
  ...DEV_DEPARTMENTS.map((department) => `dev-${department}-system-key=department-system:${department}`),
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
    const match = /^([^=\s]{12,})=([\w-]+):([\w.-]+)$/.exec(entry);
    if (!match) throw new Error(`entry "${entry.replace(/^[^=]*/, '…')}" must be key=role:subject with a key of at least 12 characters`);
    const [, key, role, subject] = match;
    if (!isRole(role)) throw new Error(`role "${role}" is not one of ${ROLES.join(', ')}`);
    table.set(digestOf(key), { subject, roles: [role], departments: DEPARTMENT_ROLES.includes(role) ? [subject] : [] });
  }
  return table;
}

/** A lookup by digest: its timing tells a caller nothing about any key, since nobody chooses the digest's bytes. */
export function findPrincipal(table: ApiKeyTable, presentedKey: string): Principal | undefined {
  return table.get(digestOf(presentedKey));
}
