#!/usr/bin/env bash
# Generates clients/node/gen (ES modules for @bufbuild/protobuf 2.x) with buf and the local
# protoc-gen-es from node_modules: no Buf registry, no hand-copied protos.
#   - pidgr/v1 from proto/src/main/proto; buf/validate/validate.proto resolves through the root
#     buf.yaml from proto/target/buf-deps, which the Maven build unpacks from the protovalidate jar;
#   - google/rpc/error_details.proto (BadRequest, ErrorInfo), read straight out of the
#     proto-google-common-protos jar the server itself runs with (app/target/lib).
# Needs `npm ci` in clients/node and a built app (./pidgr --version builds it when stale).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUF="$HERE/node_modules/.bin/buf"
cd "$ROOT"

if [ ! -f proto/target/buf-deps/buf/validate/validate.proto ]; then
  . bin/java-home.sh
  ./mvnw -B -q -pl proto generate-sources
fi
common_protos=(app/target/lib/proto-google-common-protos-*.jar)
if [ ! -f "${common_protos[0]}" ]; then
  echo "generate.sh: ${common_protos[0]} is missing: build the app first (./pidgr --version)" >&2
  exit 1
fi

rm -rf "$HERE/gen"
"$BUF" generate proto/src/main/proto --template clients/node/buf.gen.yaml --path proto/src/main/proto/pidgr/v1
"$BUF" generate "${common_protos[0]}#format=zip" --template clients/node/buf.gen.yaml --path google/rpc/error_details.proto
