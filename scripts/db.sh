#!/usr/bin/env bash
# PostgreSQL for ugov: db.sh start|status
#   start   make sure the server in DATABASE_URL is up (starting the machine's local
#           cluster if needed), that the database exists, and that each service has its
#           own login role owning its own schema (scripts/db/service-roles.sql)
#   status  exit 0 if the server answers and the database exists
# DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/ugov
set -euo pipefail

URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ugov}"
# scheme://[userinfo@]host[:port][/db][?query]
re='^(postgres(ql)?://([^@/]*@)?)([^:/?]+)(:([0-9]+))?(/([^?]*))?(\?.*)?$'
if [[ ! "$URL" =~ $re ]]; then
  echo "[db] cannot parse DATABASE_URL=$URL" >&2
  exit 2
fi
PREFIX="${BASH_REMATCH[1]}" HOST="${BASH_REMATCH[4]}" PORT="${BASH_REMATCH[6]:-5432}"
DB="${BASH_REMATCH[8]:-ugov}" QUERY="${BASH_REMATCH[9]:-}"
# Admin connection: same server and credentials, maintenance database.
ADMIN_URL="${PREFIX}${HOST}:${PORT}/postgres${QUERY}"
if [[ ! "$DB" =~ ^[A-Za-z0-9_-]+$ ]]; then
  echo "[db] unsupported database name '$DB'" >&2
  exit 2
fi

log() { echo "[db] $*"; }
ready() { pg_isready -q -h "$HOST" -p "$PORT"; }
db_exists() { [[ "$(psql "$ADMIN_URL" -tAc "select 1 from pg_database where datname = '$DB'")" == 1 ]]; }

start() {
  if ready; then
    log "postgres is up on $HOST:$PORT"
  elif [[ "$HOST" == 127.0.0.1 || "$HOST" == localhost ]]; then
    local version
    # shellcheck disable=SC2012  # directory names are plain version numbers
    version=$(ls /etc/postgresql | sort -V | tail -1)
    log "postgres not answering on $HOST:$PORT; starting local cluster $version/main"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 30); do ready && break; sleep 1; done
    ready || { log "postgres still not ready after 30s" >&2; exit 1; }
    log "postgres is up on $HOST:$PORT"
  else
    log "postgres on $HOST:$PORT is not reachable (not local, so not starting it)" >&2
    exit 1
  fi

  if db_exists; then
    log "database '$DB' already exists"
  else
    psql "$ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "create database \"$DB\""
    log "created database '$DB'"
  fi
  psql "${PREFIX}${HOST}:${PORT}/${DB}${QUERY}" -q -v ON_ERROR_STOP=1 -f "$(dirname "${BASH_SOURCE[0]}")/db/service-roles.sql"
  log "roles ugov_intake … ugov_supervision own their schemas in '$DB'"
}

status() {
  if ! ready; then log "postgres not answering on $HOST:$PORT"; return 1; fi
  if ! db_exists; then log "postgres up on $HOST:$PORT, database '$DB' missing"; return 1; fi
  log "postgres up on $HOST:$PORT, database '$DB' exists"
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  *) echo "usage: $0 start|status" >&2; exit 2 ;;
esac
