#!/usr/bin/env bash
# Dev/test infrastructure without Docker: infra.sh up|down|status
set -euo pipefail

DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "${1:-}" in
  up)
    "$DIR/db.sh" start
    "$DIR/kafka.sh" start
    ;;
  down)
    # Only Kafka: PostgreSQL is the machine's shared server (other projects and
    # sessions use it), so it is never stopped from here.
    "$DIR/kafka.sh" stop
    ;;
  status)
    rc=0
    "$DIR/db.sh" status || rc=1
    "$DIR/kafka.sh" status || rc=1
    exit "$rc"
    ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
