#!/usr/bin/env bash
# `npm run build`: compiles apps, libs, scripts and bench into dist/, and stamps dist/.built with the time the build
# began (so a file edited while it ran still counts as newer than the build).
#   build.sh --if-stale   builds only when there is no stamp or a source is newer than it. `npm run test:e2e` and
#                         `scripts/stack.sh up` use it, so neither runs code older than the sources.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STAMP=dist/.built
# Everything that goes into dist/: the sources and what decides how they are compiled.
SOURCES=(apps libs scripts bench proto package.json package-lock.json tsconfig.base.json tsconfig.build.json)

stale() {
  [[ ! -f "$STAMP" ]] || [[ -n "$(find "${SOURCES[@]}" -newer "$STAMP" -type f -print -quit)" ]]
}

case "${1:-}" in
  "") ;;
  --if-stale)
    if ! stale; then exit 0; fi
    echo "[build] sources are newer than the last build (or there is none): building"
    ;;
  *) echo "usage: $0 [--if-stale]" >&2; exit 2 ;;
esac

mkdir -p .run
started="$(mktemp .run/build-started.XXXXXX)"
trap 'rm -f "$started"' EXIT
rm -rf dist
node_modules/.bin/tsc -p tsconfig.build.json
node_modules/.bin/tsc-alias -p tsconfig.build.json
mv "$started" "$STAMP"
