// Every cross-process test needs the real broker and database: find them or start them, once per run.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  execFileSync('bash', [join(__dirname, '..', 'scripts', 'infra.sh'), 'up'], { stdio: 'inherit' });
};
