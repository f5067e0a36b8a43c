import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { DEV_DEPARTMENTS } from '@ugov/platform';

export interface DevIdentity {
  readonly roles: readonly string[];
  readonly departments: readonly string[];
}

/** Staff who can sign in to the development issuer (any password): `dev-<role>`, and `dev-<department>-handler`. */
export const DEV_USERS: Readonly<Record<string, DevIdentity>> = {
  'dev-dispatcher': { roles: ['dispatcher'], departments: [] },
  'dev-reviewer': { roles: ['reviewer'], departments: [] },
  'dev-supervisor': { roles: ['supervisor'], departments: [] },
  'dev-admin': { roles: ['admin'], departments: [] },
  ...Object.fromEntries(DEV_DEPARTMENTS.map((code) => [`dev-${code}-handler`, { roles: ['department'], departments: [code] }])),
};

/** Department systems (client credentials): client id `<department>-system`, secret `dev-<department>-system-secret`. */
export const DEV_CLIENTS: Readonly<Record<string, DevIdentity & { readonly secret: string }>> = Object.fromEntries(
  DEV_DEPARTMENTS.map((code) => [
    `${code}-system`,
    { roles: ['department-system'], departments: [code], secret: `dev-${code}-system-secret` },
  ]),
);

const DEFAULT_AUDIENCE = 'ugov';
const DEFAULT_LIFETIME_SECONDS = 3600;

/**
 * A small OpenID-style issuer for development and tests only: an ES256 key made at start, its JWKS, a
 * discovery document and a token endpoint (password grant for the development users, client credentials
 * for department systems). Tokens carry `roles` and `departments`, as ugov reads by default.
 */
export class DevIssuer {
  private server: Server | undefined;
  private privateKey: CryptoKey | undefined;
  private publicJwk: JWK | undefined;
  private readonly kid = `dev-${randomBytes(4).toString('hex')}`;
  private origin = '';

  get url(): string {
    if (!this.origin) throw new Error('the development issuer is not started');
    return this.origin;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<this> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    this.privateKey = privateKey;
    this.publicJwk = { ...(await exportJWK(publicKey)), kid: this.kid, alg: 'ES256', use: 'sig' };
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
    this.server = server;
    this.origin = `http://${host}:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** A token for a development user or system, as the token endpoint would answer (tests may sign odd ones too). */
  async tokenFor(subject: string, options: { lifetimeSeconds?: number; audience?: string; issuer?: string } = {}): Promise<string> {
    const identity = DEV_USERS[subject] ?? DEV_CLIENTS[subject];
    if (!identity) throw new Error(`no development user or client "${subject}"`);
    return this.sign(subject, { roles: identity.roles, departments: identity.departments }, options);
  }

  async sign(
    subject: string,
    claims: Record<string, unknown>,
    options: { lifetimeSeconds?: number; audience?: string; issuer?: string } = {},
  ): Promise<string> {
    if (!this.privateKey) throw new Error('the development issuer is not started');
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: this.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? DEFAULT_AUDIENCE)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS))
      .sign(this.privateKey);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '/').split('?')[0];
    try {
      if (request.method === 'GET' && path === '/.well-known/jwks.json') return send(response, 200, { keys: [this.publicJwk] });
      if (request.method === 'GET' && path === '/.well-known/openid-configuration') {
        return send(response, 200, {
          issuer: this.url,
          jwks_uri: `${this.url}/.well-known/jwks.json`,
          token_endpoint: `${this.url}/token`,
          grant_types_supported: ['password', 'client_credentials'],
          id_token_signing_alg_values_supported: ['ES256'],
        });
      }
      if (request.method === 'POST' && path === '/token') return send(response, 200, await this.token(await formOf(request)));
      send(response, 404, { error: 'not_found' });
    } catch (error) {
      send(response, 400, { error: 'invalid_request', error_description: (error as Error).message });
    }
  }

  private async token(form: URLSearchParams): Promise<Record<string, unknown>> {
    const grant = form.get('grant_type');
    let subject: string;
    if (grant === 'password') {
      subject = form.get('username') ?? '';
      if (!DEV_USERS[subject]) throw new Error(`unknown development user "${subject}"; one of ${Object.keys(DEV_USERS).join(', ')}`);
    } else if (grant === 'client_credentials') {
      subject = form.get('client_id') ?? '';
      if (DEV_CLIENTS[subject]?.secret !== form.get('client_secret')) throw new Error('unknown client or wrong secret');
    } else {
      throw new Error('grant_type must be password or client_credentials');
    }
    const lifetimeSeconds = Number(form.get('expires_in') ?? DEFAULT_LIFETIME_SECONDS);
    if (!Number.isInteger(lifetimeSeconds) || lifetimeSeconds < 1 || lifetimeSeconds > 86400)
      throw new Error('expires_in must be 1 to 86400');
    const accessToken = await this.tokenFor(subject, { lifetimeSeconds, audience: form.get('audience') ?? undefined });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: lifetimeSeconds };
  }
}

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if ((request.headers['content-type'] ?? '').includes('json'))
    return new URLSearchParams(
      Object.entries(JSON.parse(body || '{}') as Record<string, unknown>).map(([key, value]): [string, string] => [key, String(value)]),
    );
  return new URLSearchParams(body);
}

function send(response: ServerResponse, status: number, body: unknown): void {
  // Any origin may read the answers: the supervision dashboard signs staff in from the browser (development only).
  response
    .writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'access-control-allow-origin': '*' })
    .end(JSON.stringify(body));
}
