#!/usr/bin/env bash
# `npm test`: everything, on a fresh machine, with nothing done by hand.
#   install → proto lint + breaking check → lint + layer rules → type check → build
#   → find or start Kafka and PostgreSQL → the Python example's Debian packages → unit specs → cross-process e2e specs
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

step "packages of the Python example (examples/department-client-python)"
# Debian's packages are for the system interpreter; the e2e spec uses the same one (PYTHON, else /usr/bin/python3).
export PYTHON="${PYTHON:-$(command -v /usr/bin/python3 || command -v python3 || echo python3)}"
PYTHON_PACKAGES="python3-confluent-kafka python3-protobuf protobuf-compiler"
if "$PYTHON" -c 'import confluent_kafka, google.protobuf' >/dev/null 2>&1 && command -v protoc >/dev/null; then
  echo "present"
elif [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PYTHON_PACKAGES >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PYTHON_PACKAGES >/dev/null 2>&1; }; } \
    || echo "apt-get could not install $PYTHON_PACKAGES"
  "$PYTHON" -c 'import confluent_kafka, google.protobuf' >/dev/null 2>&1 && command -v protoc >/dev/null \
    && echo "installed $PYTHON_PACKAGES" \
    || echo "$PYTHON still lacks confluent_kafka or google.protobuf, or protoc is missing: test/processing/python-department-client.e2e-spec.ts will fail"
else
  echo "$PYTHON_PACKAGES are missing and apt-get needs root (or is absent): install them (or confluent-kafka and protobuf"
  echo "for $PYTHON, and protoc), else test/processing/python-department-client.e2e-spec.ts will fail"
fi

step "browser for the dashboard test (chromium, fonts-wqy-microhei)"
# Debian's chromium, driven by playwright-core (CHROMIUM_PATH, else /usr/bin/chromium); without a CJK font Chinese is boxes.
BROWSER_PACKAGES="chromium fonts-wqy-microhei"
browser_present() { [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] && fc-list : family 2>/dev/null | grep -i 'WenQuanYi Micro Hei' >/dev/null; }
if browser_present; then
  echo "present"
elif [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $BROWSER_PACKAGES >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $BROWSER_PACKAGES >/dev/null 2>&1; }; } \
    || echo "apt-get could not install $BROWSER_PACKAGES"
  browser_present && echo "installed $BROWSER_PACKAGES" \
    || echo "chromium or the WenQuanYi Micro Hei font is still missing: test/supervision/dashboard.e2e-spec.ts will fail"
else
  echo "$BROWSER_PACKAGES are missing and apt-get needs root (or is absent): install them (or set CHROMIUM_PATH),"
  echo "else test/supervision/dashboard.e2e-spec.ts will fail"
fi

rm -rf "$REPORTS" && mkdir -p "$REPORTS"
status=0
step "unit specs"
npx jest --config jest.config.js --json --outputFile="$REPORTS/unit.json" || status=1
step "e2e specs (services as processes, real Kafka and PostgreSQL)"
if ! npx jest --config test/jest-e2e.config.js --runInBand --json --outputFile="$REPORTS/e2e.json"; then
  status=1
  # What the broker complained of, for a failure only a CI machine saw (its kafka.log goes with the machine).
  kafka_log="${KAFKA_DATA_DIR:-$ROOT/.run/kafka}/kafka.log"
  if [[ -f "$kafka_log" ]]; then
    echo "--- the broker's last warnings and errors ($kafka_log)"
    grep -E '\] (WARN|ERROR) ' "$kafka_log" | tail -n 40 || true
  fi
fi

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
