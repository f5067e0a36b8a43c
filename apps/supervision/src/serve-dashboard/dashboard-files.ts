import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { DEFAULT_DEV_ISSUER_URL, repositoryPath } from '@ugov/platform';

/** Where the page lives in the repository: plain HTML, CSS and ES modules, no build step. */
export const DASHBOARD_RELATIVE_PATH = 'apps/supervision/dashboard';

export interface DashboardFile {
  readonly contentType: string;
  readonly body: Buffer;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Every servable file of the dashboard, by name, read once: a missing folder stops supervision with its name. */
export function readDashboardFiles(folder = repositoryPath(DASHBOARD_RELATIVE_PATH)): ReadonlyMap<string, DashboardFile> {
  const files = new Map<string, DashboardFile>();
  for (const name of readdirSync(folder)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) files.set(name, { contentType, body: readFileSync(join(folder, name)) });
  }
  return files;
}

export interface DashboardConfig {
  /** The token endpoint the sign-in form posts a password grant to; null outside development (staff paste a token). */
  readonly tokenEndpoint: string | null;
}

/** With the development credentials on, staff sign in at the development issuer; otherwise they bring a token. */
export function dashboardConfigOf(env: NodeJS.ProcessEnv): DashboardConfig {
  if (env.UGOV_DEV_AUTH !== 'true') return { tokenEndpoint: null };
  const issuer = (env.UGOV_DEV_ISSUER_URL ?? DEFAULT_DEV_ISSUER_URL).replace(/\/$/, '');
  return { tokenEndpoint: `${issuer}/token` };
}
