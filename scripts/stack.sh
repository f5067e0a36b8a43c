#!/usr/bin/env bash
# The whole platform on one machine: stack.sh up|down|status
#   up    installs dependencies if missing, builds, finds or starts Kafka and PostgreSQL, starts the five
#         services in the background (logs in .run/logs/) and returns once every /health answers "up".
#   down  stops the services it started, and Kafka if `up` was the one that started it.
# Both are idempotent. Ports: INTAKE_PORT, DISPATCH_PORT, PROCESSING_PORT, PUBLICATION_PORT, SUPERVISION_PORT.
# Development credentials: UGOV_DEV_AUTH=true unless set otherwise, and then the development issuer runs too
# (on UGOV_DEV_ISSUER_URL, default http://127.0.0.1:3009). With UGOV_DEV_AUTH=false, set the identity
# provider's settings (UGOV_JWKS_URL, UGOV_JWT_ISSUER, …) yourself.
set -euo pipefail
export UGOV_DEV_AUTH="${UGOV_DEV_AUTH:-true}"
export UGOV_DEV_ISSUER_URL="${UGOV_DEV_ISSUER_URL:-http://127.0.0.1:3009}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.run/stack"
LOGS="$ROOT/.run/logs"
SERVICES=(intake dispatch processing publication supervision)
declare -A DEFAULT_PORT=([intake]=3001 [dispatch]=3002 [processing]=3003 [publication]=3004 [supervision]=3005)
HEALTH_TIMEOUT=120

log() { echo "[stack] $*"; }

port_of() {
  local variable
  variable="$(echo "$1" | tr '[:lower:]' '[:upper:]')_PORT"
  echo "${!variable:-${DEFAULT_PORT[$1]}}"
}

alive() { [[ -f "$RUN/$1.pid" ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

healthy() { curl -fsS -m 3 "http://127.0.0.1:$(port_of "$1")/health" 2>/dev/null | grep -q '"status":"up"'; }

ensure_built() {
  cd "$ROOT"
  if [[ ! -d node_modules ]]; then
    log "installing dependencies"
    # Not `npm ci`: see scripts/test.sh for the npm 11 lock-file bug.
    npm install --no-audit --no-fund
  fi
  # Rebuild when any source is newer than the last build.
  bash "$ROOT/scripts/build.sh" --if-stale
}

# Intake's keys for requesters' personal data (README, "Personal data"). The product has no default key: unless
# they are set already, this machine's stack makes its own once and keeps them in .run/stack/dev-secrets.env
# (git-ignored), so that a restarted stack still reads what it stored.
development_secrets() {
  local file="$RUN/dev-secrets.env"
  if [[ -z "${INTAKE_PII_KEYS:-}" && ! -f "$file" ]]; then
    (
      umask 077
      {
        echo "INTAKE_PII_KEYS=dev-$(date -u +%Y%m%d):$(head -c 32 /dev/urandom | base64)"
        echo "INTAKE_PII_HASH_KEY=$(head -c 32 /dev/urandom | base64)"
      } >"$file"
    )
    log "made development keys for personal data in $file"
  fi
  # The key intake seals delivery contacts with for publication (README, "Delivery to the requester").
  if [[ -z "${PUBLICATION_CONTACT_KEY:-}" ]] && ! grep -q '^PUBLICATION_CONTACT_KEY=' "$file" 2>/dev/null; then
    (umask 077 && echo "PUBLICATION_CONTACT_KEY=dev-$(date -u +%Y%m%d):$(head -c 32 /dev/urandom | base64)" >>"$file")
  fi
  if [[ -z "${PUBLICATION_CONTACT_KEY:-}" && -f "$file" ]]; then
    set -a
    # shellcheck disable=SC1090
    source <(grep '^PUBLICATION_CONTACT_KEY=' "$file")
    set +a
  fi
  if [[ -z "${INTAKE_PII_KEYS:-}" ]]; then
    set -a
    # shellcheck disable=SC1090
    source "$file"
    set +a
  fi
}

up() {
  ensure_built
  mkdir -p "$RUN" "$LOGS"
  local kafka_output
  kafka_output="$(bash "$ROOT/scripts/infra.sh" up)"
  echo "$kafka_output"
  if grep -q "starting broker" <<<"$kafka_output"; then touch "$RUN/started-kafka"; fi

  if [[ "$UGOV_DEV_AUTH" == true ]]; then
    if alive dev-issuer; then
      log "development issuer already running (pid $(cat "$RUN/dev-issuer.pid"))"
    else
      setsid nohup node "$ROOT/dist/scripts/dev-issuer/dev-issuer.js" >>"$LOGS/dev-issuer.log" 2>&1 </dev/null &
      echo $! >"$RUN/dev-issuer.pid"
      log "started the development issuer (pid $!, $UGOV_DEV_ISSUER_URL, log .run/logs/dev-issuer.log)"
    fi
  fi

  development_secrets
  for service in "${SERVICES[@]}"; do
    if alive "$service"; then
      log "$service already running (pid $(cat "$RUN/$service.pid"))"
      continue
    fi
    # deploy/service-environment and deploy/node-options: the environment and the V8 heap sizes every service runs
    # with (see the README).
    # shellcheck disable=SC2046  # the options and assignments are words on purpose
    setsid nohup env $(grep -v '^#' "$ROOT/deploy/service-environment") \
      node $(cat "$ROOT/deploy/node-options") "$ROOT/dist/apps/$service/src/main.js" >>"$LOGS/$service.log" 2>&1 </dev/null &
    echo $! >"$RUN/$service.pid"
    log "started $service (pid $!, port $(port_of "$service"), log .run/logs/$service.log)"
  done

  local deadline=$((SECONDS + HEALTH_TIMEOUT))
  for service in "${SERVICES[@]}"; do
    until healthy "$service"; do
      if ! alive "$service" || ((SECONDS > deadline)); then
        log "$service did not become healthy; last lines of its log:"
        tail -n 20 "$LOGS/$service.log" >&2
        exit 1
      fi
      sleep 0.5
    done
    log "$service is up on http://127.0.0.1:$(port_of "$service") (OpenAPI at /docs)"
  done
}

down() {
  for service in "${SERVICES[@]}" dev-issuer; do
    if alive "$service"; then
      local pid
      pid="$(cat "$RUN/$service.pid")"
      kill -TERM "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; log "$service did not stop in 30 s; killed"; else log "stopped $service"; fi
    fi
    rm -f "$RUN/$service.pid"
  done
  if [[ -f "$RUN/started-kafka" ]]; then
    bash "$ROOT/scripts/kafka.sh" stop
    rm -f "$RUN/started-kafka"
  fi
}

status() {
  local rc=0
  for service in "${SERVICES[@]}"; do
    if healthy "$service"; then log "$service up on port $(port_of "$service")"; else log "$service down"; rc=1; fi
  done
  return "$rc"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
