#!/usr/bin/env bash
# Creates the secret files docker-compose.yml mounts (deploy/secrets/*), each from 32 random bytes
# as 64 hex characters, unless it already exists. See deploy/secrets/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/secrets"
chmod 700 .   # only you can list or open the folder on the host
for name in postgres-password page-token-key jwt-hs256-secret webhook-secret; do
  if [ -s "$name" ]; then
    echo "keeping deploy/secrets/$name"
    continue
  fi
  openssl rand -hex 32 > "$name.tmp"
  # Readable inside the containers: Compose bind-mounts the file with its host mode, and PostgreSQL
  # reads its password as the postgres user. The folder's 700 keeps other host users out.
  chmod 644 "$name.tmp"
  mv "$name.tmp" "$name"
  echo "created deploy/secrets/$name"
done
