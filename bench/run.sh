#!/usr/bin/env bash
# The benchmark harness (docs/benchmarks.md): builds the pidgr executable and the harness, then
# starts ./pidgr dev on a fresh data folder and measures it next to raw Kafka and PostgreSQL.
#   bench/run.sh                          100,000 recipients (about 5 minutes on 2 cores)
#   bench/run.sh --quick                  10,000 recipients, short latency phases
#   bench/run.sh --recipients 1000000     ten campaigns of 100,000 started together
#   bench/run.sh --gateway                email and FCM through dev's gateway next to raw clients sending directly
#   bench/run.sh --help                   every option
# PIDGR_BENCH_NO_BUILD=1 skips the build (both jars must exist). PIDGR_BENCH_JAVA_OPTS adds JVM options
# to the harness (e.g. -XX:StartFlightRecording=filename=bench.jfr to profile the replay, which runs in it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/java-home.sh"

if [ "${PIDGR_BENCH_NO_BUILD:-0}" != 1 ]; then
  echo "bench: building pidgr and the harness ..." >&2
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -Dmaven.test.skip=true -pl app,bench -am package >&2
fi

JVM_FLAGS=(-Xmx3g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED)
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
  JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" "${JVM_FLAGS[@]}" ${PIDGR_BENCH_JAVA_OPTS:-} -Dpidgr.bench.root="$ROOT" -jar "$ROOT/bench/target/pidgr-bench.jar" "$@"
