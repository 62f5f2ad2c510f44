#!/usr/bin/env bash
# End-to-end tests of the pidgr.v1 API from Node.js (Connect-ES 2.x), over native gRPC (HTTP/2),
# gRPC-Web, Connect JSON and Connect binary (HTTP/1.1). Starts `./pidgr dev` in a fresh data folder on ports the OS picks,
# waits until it serves, runs `node --test` against it, then always stops the server and removes
# the folder. Exits with the tests' status.
#
# Against a server that is already running (e.g. docker compose), skip this script:
#   PIDGR_SERVER=localhost:9090 PIDGR_TOKEN=<admin token> [PIDGR_JWT_SECRET=<its HS256 secret>] \
#     npm test --prefix clients/node
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
READY_TIMEOUT_S=${PIDGR_READY_TIMEOUT_S:-240}
STOP_TIMEOUT_S=60

log() { echo "== node tests: $*" >&2; }

cd "$HERE"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
"$ROOT/pidgr" --version >/dev/null   # builds the jar now if it is stale, not while we wait for SERVING
./generate.sh

WORK="$(mktemp -d "${TMPDIR:-/tmp}/pidgr-node-tests.XXXXXX")"
DATA="$WORK/data"
OUT="$WORK/server.out"
ERR="$WORK/server.err"
LEADER=""
SERVER_JOB=""

stop_server() {
  [ -n "$LEADER" ] || return 0
  if kill -0 "$LEADER" 2>/dev/null; then
    log "stopping the server (pid $LEADER)"
    kill -TERM "$LEADER" 2>/dev/null || true
    for _ in $(seq 1 $((STOP_TIMEOUT_S * 4))); do
      kill -0 "$LEADER" 2>/dev/null || break
      sleep 0.25
    done
  fi
  # Whatever is left of its session (a server that ignored TERM, an orphaned PostgreSQL) goes too.
  kill -KILL -- "-$LEADER" 2>/dev/null || true
  [ -z "$SERVER_JOB" ] || wait "$SERVER_JOB" 2>/dev/null || true
  LEADER=""
}

cleanup() {
  local status=$?
  stop_server
  if [ "$status" -ne 0 ] && [ -f "$ERR" ]; then
    log "last lines of the server's log:"
    tail -n 40 "$ERR" >&2 || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Every test run gets its own token secret, so the tests can mint recipients' tokens too.
PIDGR_JWT_SECRET="$(node -e 'process.stdout.write(require("node:crypto").randomBytes(48).toString("base64url"))')"
export PIDGR_JWT_SECRET

# Its own session: SIGTERM (and, as a last resort, SIGKILL to the whole group) reaches the JVM and
# its children even though a non-interactive shell's background jobs ignore SIGINT. The pid file
# names the session leader, which execs the pidgr script, which execs java.
log "starting ./pidgr dev in $DATA"
setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' pidgr-dev "$WORK/server.pid" \
  "$ROOT/pidgr" dev --data-dir "$DATA" --grpc-port 0 --metrics-port 0 --kafka-port 0 --postgres-port 0 \
  >"$OUT" 2>"$ERR" </dev/null &
SERVER_JOB=$!
for _ in $(seq 1 20); do
  [ -s "$WORK/server.pid" ] && break
  sleep 0.1
done
LEADER="$(cat "$WORK/server.pid")"

started=$(date +%s)
until grep -q "pidgr dev is SERVING" "$OUT"; do
  if ! kill -0 "$LEADER" 2>/dev/null; then
    log "the server exited before serving"
    exit 1
  fi
  if [ $(( $(date +%s) - started )) -ge "$READY_TIMEOUT_S" ]; then
    log "the server did not serve within $READY_TIMEOUT_S s"
    exit 1
  fi
  sleep 0.5
done
log "server ready after $(( $(date +%s) - started )) s"

PIDGR_SERVER="$(sed -n 's/^ *gRPC + gRPC-Web *\([0-9.]*:[0-9]*\).*/\1/p' "$OUT" | head -n 1)"
PIDGR_TOKEN="$(awk '/token \(7 days, every permission\):/ { getline; gsub(/[[:space:]]/, ""); print; exit }' "$OUT")"
if [ -z "$PIDGR_SERVER" ] || [ -z "$PIDGR_TOKEN" ]; then
  log "could not read the address and token from the banner:"
  cat "$OUT" >&2
  exit 1
fi
export PIDGR_SERVER PIDGR_TOKEN

log "running node --test against $PIDGR_SERVER"
set +e
npm test --silent
status=$?
set -e
exit "$status"
