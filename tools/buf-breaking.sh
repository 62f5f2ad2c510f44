#!/usr/bin/env bash
# buf breaking against the last released protos: the newest git tag named proto-v* (see
# docs/api-compatibility.md). Until the first release there is nothing to compare with.
# Needs proto/target/buf-deps (the Maven build unpacks validate.proto there).
set -euo pipefail
cd "$(dirname "$0")/.."
tag=$(git tag --list 'proto-v*' --sort=-v:refname | head -n 1)
if [ -z "$tag" ]; then
  echo "buf breaking: no released protos yet (no proto-v* tag); FieldNumbersTest guards docs/api.md's numbers meanwhile"
  exit 0
fi
base=$(mktemp -d)
trap 'git worktree remove --force "$base" >/dev/null 2>&1 || true; rm -rf "$base"' EXIT
git worktree add --detach "$base" "$tag" >/dev/null
mkdir -p "$base/proto/target"
cp -r proto/target/buf-deps "$base/proto/target/"
echo "buf breaking against $tag"
tools/node_modules/.bin/buf breaking --against "$base"
