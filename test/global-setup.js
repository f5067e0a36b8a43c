// Every cross-process test needs the real broker and database: find them or start them, once per run.
// Tests run with the development credentials (UGOV_DEV_AUTH=true) and their own development issuer, whose
// address the services started by the tests inherit (UGOV_DEV_ISSUER_URL).
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = async () => {
  execFileSync('bash', [join(__dirname, '..', 'scripts', 'infra.sh'), 'up'], { stdio: 'inherit' });
  process.env.UGOV_DEV_AUTH = 'true';
  // The compiled issuer (the e2e run builds first): jose is an ES module, which Node loads and Jest's runtime does not.
  const compiled = join(__dirname, '..', 'dist', 'libs', 'testing', 'src', 'dev-issuer.js');
  if (!existsSync(compiled)) throw new Error(`${compiled} is missing: run \`npm run build\` first (npm run test:e2e does)`);
  const { DevIssuer } = require(compiled);
  const issuer = await new DevIssuer().start();
  process.env.UGOV_DEV_ISSUER_URL = issuer.url;
  globalThis.__UGOV_DEV_ISSUER__ = issuer;
};
