#!/usr/bin/env bash
# The fault suite (docs/reliability.md): the system in separate processes on an embedded broker and
# database, killed, paused, cut off and fed bad input.
#   faults/run.sh            the short version (what every build's `./pidgr test` runs; a few minutes)
#   faults/run.sh --full     the work item's sizes: a 100,000-member campaign, three SIGKILLs, ...
# Other arguments go to Maven, e.g. faults/run.sh -Dtest=WorkflowKillTest.
# Builds the modules the suite runs (without their tests), runs it, and prints what it measured
# (faults/target/fault-results.txt). Child processes' logs: faults/target/fault-logs/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/bin/java-home.sh"

FULL=false
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --full) FULL=true ;;
    *) ARGS+=("$arg") ;;
  esac
done
TESTS=()
case " ${ARGS[*]-} " in
  *" -Dtest="*) ;;
  *) TESTS=(-Dtest='dev.pidgr.faults.*Test') ;;
esac

rm -f "$ROOT/faults/target/fault-results.txt"
started=$(date +%s)
status=0
"$ROOT/mvnw" -B -f "$ROOT/pom.xml" -pl faults -am verify -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpidgr.faults.full="$FULL" "${TESTS[@]}" ${ARGS[@]+"${ARGS[@]}"} || status=$?
echo "== fault suite ($([ "$FULL" = true ] && echo full || echo short)) finished in $(( $(date +%s) - started )) s with status $status"
[ -f "$ROOT/faults/target/fault-results.txt" ] && cat "$ROOT/faults/target/fault-results.txt"
exit $status
