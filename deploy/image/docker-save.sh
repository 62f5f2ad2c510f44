#!/usr/bin/env bash
# Wraps one root file system tarball as a single-layer image in `docker save` form: manifest.json,
# the image configuration (named by its digest) and the layer, with the given environment. Jib reads
# it as a base (`tar://`), `docker load` reads it as it is. No daemon, no registry.
#
#   deploy/image/docker-save.sh ROOTFS.tar OUT.tar [NAME=VALUE ...]
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 ROOTFS.tar OUT.tar [NAME=VALUE ...]" >&2; exit 2; }
rootfs="$1"
out="$2"
shift 2

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
diff_id="$(sha256sum "$rootfs" | cut -d' ' -f1)"
mkdir "$dir/$diff_id"
cp "$rootfs" "$dir/$diff_id/layer.tar"

env_json=""
for pair in "$@"; do
  env_json="$env_json${env_json:+,}\"$pair\""
done
created="$(date -u -d "@${SOURCE_DATE_EPOCH:-0}" +%Y-%m-%dT%H:%M:%SZ)"
printf '{"architecture":"%s","os":"linux","created":"%s","config":{"Env":[%s],"WorkingDir":"/"},' \
  "$(dpkg --print-architecture)" "$created" "$env_json" > "$dir/config.json"
printf '"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},' "$diff_id" >> "$dir/config.json"
printf '"history":[{"created":"%s","created_by":"deploy/image/build-base.sh"}]}' "$created" >> "$dir/config.json"
config_id="$(sha256sum "$dir/config.json" | cut -d' ' -f1)"
mv "$dir/config.json" "$dir/$config_id.json"
printf '[{"Config":"%s.json","RepoTags":["pidgr-base:local"],"Layers":["%s/layer.tar"]}]' \
  "$config_id" "$diff_id" > "$dir/manifest.json"

tar --sort=name --mtime="@${SOURCE_DATE_EPOCH:-0}" --owner=0 --group=0 --numeric-owner \
  -cf "$out" -C "$dir" manifest.json "$config_id.json" "$diff_id"
