import type { ServiceName } from '@ugov/contracts';

/** The PostgreSQL login role of a service: it owns the service's schema and can reach no other (scripts/db/service-roles.sql). */
export const serviceDatabaseRole = (service: ServiceName): string => `ugov_${service}`;

/**
 * The URL a service connects with: `<SERVICE>_DATABASE_URL` when set, otherwise `DATABASE_URL` (server and
 * database) with the service's own role as user and `<SERVICE>_DATABASE_PASSWORD` as password (none when unset,
 * as on a trust-authenticated development server). `DATABASE_URL`'s own credentials are an administrator's,
 * for the scripts, and never reach a service.
 */
export function readServiceDatabaseUrl(service: ServiceName, databaseUrl: string, env: NodeJS.ProcessEnv, problems: string[]): string {
  const prefix = service.toUpperCase();
  const own = env[`${prefix}_DATABASE_URL`];
  if (own !== undefined) {
    if (!/^postgres(ql)?:\/\/[^/@]+@[^/]+\/[^/?]+/.test(own))
      problems.push(`${prefix}_DATABASE_URL: must look like postgres://user[:password]@host:port/database, got "${redactPassword(own)}"`);
    return own;
  }
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return databaseUrl; // DATABASE_URL itself is reported by the infrastructure settings
  }
  url.username = serviceDatabaseRole(service);
  url.password = env[`${prefix}_DATABASE_PASSWORD`] ?? '';
  return url.toString();
}

function redactPassword(url: string): string {
  return url.replace(/(:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
