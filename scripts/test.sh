#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine, with nothing done by hand.
#   install → proto lint + breaking check → lint + layer rules → type check → build
#   → find or start Kafka and PostgreSQL → unit specs → cross-process e2e specs
# Ends with one summary line "Tests: N passed, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REPORTS="$ROOT/.run/test-reports"

step() { echo; echo "=== $* ==="; }

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  step "install"
  # `npm install`, not `npm ci`: npm 11 writes lock files without other platforms' optional packages
  # (@swc/core-*, @bufbuild/buf-*) and then its own `npm ci` refuses them (npm/cli#4828, #8669).
  # With the lock file present, `npm install` installs exactly the locked versions.
  npm install --no-audit --no-fund
fi

step "event contracts: buf lint, buf breaking"
npx buf lint
bash scripts/buf-breaking.sh

step "lint and layer rules"
npm run --silent lint

step "type check and build"
npm run --silent typecheck
npm run --silent build

step "infrastructure"
kafka_was_running=1
bash scripts/kafka.sh status >/dev/null 2>&1 || kafka_was_running=0
bash scripts/infra.sh up
# Leave the machine as we found it: stop Kafka only if this run started it.
if [[ "$kafka_was_running" == 0 ]]; then trap 'bash scripts/kafka.sh stop >/dev/null 2>&1 || true' EXIT; fi

rm -rf "$REPORTS" && mkdir -p "$REPORTS"
status=0
step "unit specs"
npx jest --config jest.config.js --json --outputFile="$REPORTS/unit.json" || status=1
step "e2e specs (services as processes, real Kafka and PostgreSQL)"
npx jest --config test/jest-e2e.config.js --runInBand --json --outputFile="$REPORTS/e2e.json" || status=1

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed++; continue; }
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites || 0);
  }
  console.log(`\nTests: ${passed} passed, ${failed} failed`);
' "$REPORTS/unit.json" "$REPORTS/e2e.json"
exit "$status"
