import { DevIssuer } from '@ugov/testing';

/**
 * `node dist/scripts/dev-issuer/dev-issuer.js`: the development identity provider on UGOV_DEV_ISSUER_URL
 * (default http://127.0.0.1:3009). Refuses to run unless UGOV_DEV_AUTH=true: its users need no password.
 */
async function main(): Promise<void> {
  if (process.env.UGOV_DEV_AUTH !== 'true') throw new Error('UGOV_DEV_AUTH=true is required: this issuer signs tokens for anyone who asks');
  const url = new URL(process.env.UGOV_DEV_ISSUER_URL ?? 'http://127.0.0.1:3009');
  const issuer = await new DevIssuer().start(Number(url.port || 80), url.hostname);
  console.log(`development issuer on ${issuer.url} (JWKS at /.well-known/jwks.json, tokens at POST /token)`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void issuer.stop().then(() => process.exit(0)));
}

main().catch((error: Error) => {
  console.error(`dev-issuer: ${error.message}`);
  process.exit(1);
});
