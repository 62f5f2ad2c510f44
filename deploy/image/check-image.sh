#!/usr/bin/env bash
# Checks pidgr's container image without a Docker engine (.ci/run runs it; docs/operations.md,
# "The container image"): reads the tarball Jib wrote, then unpacks its layers into a folder and
# runs the image's own entry point there, chrooted, as the image's user:
#   - the user is not root, and the entry point is `java ... dev.pidgr.app.Main serve`;
#   - no layer carries the embedded broker or database (kafka_2.13, Scala, pidgr-embedded,
#     embedded-postgres, PostgreSQL's binaries);
#   - `serve --help` answers, and `serve` with every role starts and reports ready (GET /ready 200)
#     against the embedded Kafka and PostgreSQL of a `./pidgr dev` started for the check, with its
#     Kafka Streams state in the image's /var/lib/pidgr/state, running as that user.
#
#   deploy/image/check-image.sh [app/target/pidgr-image.tar]
# Needs root (chroot, and the user switch), jq, curl, and ./pidgr's JDK for the dev server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
IMAGE="${1:-$ROOT/app/target/pidgr-image.tar}"
work="$(mktemp -d)"
dev_pid=""
serve_pid=""

cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true
  [ -n "$dev_pid" ] && kill "$dev_pid" 2>/dev/null && wait "$dev_pid" 2>/dev/null || true
  mountpoint -q "$work/rootfs/proc" && umount -l "$work/rootfs/proc"
  mountpoint -q "$work/rootfs/dev" && umount -l "$work/rootfs/dev"
  # Never into a file system mounted below (the host's /dev, had an unmount failed).
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
fail() {
  echo "image check FAILED: $*" >&2
  exit 1
}

echo "== image: $IMAGE ($(du -h "$IMAGE" | cut -f1))"
mkdir "$work/image" "$work/rootfs"
tar -xf "$IMAGE" -C "$work/image"
config="$work/image/$(jq -r '.[0].Config' "$work/image/manifest.json")"
mapfile -t layers < <(jq -r '.[0].Layers[]' "$work/image/manifest.json")

user="$(jq -r '.config.User // ""' "$config")"
uid="${user%%:*}"
case "$uid" in
  "" | 0 | root) fail "the image runs as root (User \"$user\")" ;;
esac
entrypoint="$(jq -r '.config.Entrypoint | join(" ")' "$config")"
[[ "$entrypoint" == java\ *\ dev.pidgr.app.Main\ serve ]] || fail "the entry point is not java ... serve: $entrypoint"
echo "user $user, entry point: $entrypoint"

for layer in "${layers[@]}"; do
  tar --warning=no-unknown-keyword -tzf "$work/image/$layer"
done > "$work/files.txt"
forbidden='(^|/)(kafka_2\.13-[^/]*\.jar|scala-[^/]*\.jar|pidgr-embedded-[^/]*\.jar|embedded-postgres[^/]*\.jar|postgres-[^/]*\.txz)$'
forbidden="$forbidden|(^|/)bin/(postgres|initdb|pg_ctl)$"
if grep -E "$forbidden" "$work/files.txt"; then
  fail "the layers above carry the embedded broker or PostgreSQL"
fi
echo "${#layers[@]} layers, $(wc -l < "$work/files.txt") entries: no embedded broker, Scala or PostgreSQL"

for layer in "${layers[@]}"; do
  # The base's device nodes stay out: the host's /dev is mounted there.
  tar --warning=no-unknown-keyword --anchored --exclude='./dev/?*' -xzf "$work/image/$layer" -C "$work/rootfs"
done
mount --bind /dev "$work/rootfs/dev"
mount -t proc proc "$work/rootfs/proc"
mapfile -t env < <(jq -r '.config.Env[]' "$config")
mapfile -t command < <(jq -r '.config.Entrypoint[]' "$config")
# The image's environment only, the image's user, its root as /: as a container would start it.
# It replaces the shell it runs in, so that a ( ... ) & started with it has the JVM's process id.
in_image() {
  exec chroot --userspec="$user" "$work/rootfs" /usr/bin/env -i "${env[@]}" "$@"
}

( in_image "${command[@]}" --help ) > "$work/help.txt" 2>&1 || { cat "$work/help.txt"; fail "serve --help failed"; }
grep -q "^Usage: pidgr serve" "$work/help.txt" || { cat "$work/help.txt"; fail "serve --help printed no usage"; }
echo "serve --help: $(head -1 "$work/help.txt")"

echo "== a dev server for Kafka and PostgreSQL"
"$ROOT/pidgr" dev --data-dir "$work/dev" --grpc-port 0 --metrics-port 0 --kafka-port 0 --postgres-port 0 \
  > "$work/dev.log" 2>&1 &
dev_pid=$!
for _ in $(seq 1 180); do
  [ -f "$work/dev/dev.json" ] && break
  kill -0 "$dev_pid" 2>/dev/null || { tail -40 "$work/dev.log"; fail "pidgr dev exited"; }
  sleep 1
done
[ -f "$work/dev/dev.json" ] || { tail -40 "$work/dev.log"; fail "pidgr dev not ready in 180 s"; }
dev() { jq -r ".$1" "$work/dev/dev.json"; }

echo "== serve from the image, every role, as user $user"
secrets="$work/rootfs/run/secrets"
mkdir -p "$secrets"
dev jdbcPassword > "$secrets/postgres-password"
for secret in page-token-key jwt-hs256-secret webhook-secret; do
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$secrets/$secret"
done
chown -R "$user" "$secrets"
chmod 0400 "$secrets"/*
metrics_port=$(( 20000 + RANDOM % 20000 ))
started=$(date +%s)
( in_image PIDGR_KAFKA_BOOTSTRAP_SERVERS="$(dev kafka)" PIDGR_JDBC_URL="$(dev jdbcUrl)" \
  PIDGR_JDBC_USER="$(dev jdbcUser)" PIDGR_JDBC_PASSWORD_FILE=/run/secrets/postgres-password \
  PIDGR_PAGE_TOKEN_KEY_FILE=/run/secrets/page-token-key PIDGR_JWT_HS256_SECRET_FILE=/run/secrets/jwt-hs256-secret \
  PIDGR_WEBHOOK_SECRET_FILE=/run/secrets/webhook-secret PIDGR_STATE_DIR=/var/lib/pidgr/state \
  PIDGR_HOST=127.0.0.1 PIDGR_GRPC_PORT=0 PIDGR_METRICS_PORT="$metrics_port" \
  "${command[@]}" ) > "$work/serve.log" 2>&1 &
serve_pid=$!
ready=""
for _ in $(seq 1 240); do
  kill -0 "$serve_pid" 2>/dev/null || { tail -40 "$work/serve.log"; fail "serve from the image exited"; }
  if curl -fsS "http://127.0.0.1:$metrics_port/ready" > /dev/null 2>&1; then
    ready=yes
    break
  fi
  sleep 1
done
[ -n "$ready" ] || { tail -40 "$work/serve.log"; fail "serve from the image not ready in 240 s"; }
running_as="$(awk '/^Uid:/ {print $2}' "/proc/$serve_pid/status")"
[ "$running_as" = "$uid" ] || fail "serve runs as uid $running_as, not $uid"
[ -n "$(find "$work/rootfs/var/lib/pidgr/state" -mindepth 1 -user "$uid" -print -quit)" ] \
  || fail "no Kafka Streams state written to /var/lib/pidgr/state"
echo "serve from the image: ready in $(( $(date +%s) - started )) s, as uid $running_as, state in /var/lib/pidgr/state"
echo "== image check passed"
