#!/usr/bin/env bash
# The base of pidgr's container image, built without a Docker daemon or a container registry
# (docs/adr/0003-container-image-without-a-registry.md): a Debian root file system from Debian's
# package mirror (mmdebstrap: the "essential" set, plus curl for the healthchecks and libstdc++6 for
# RocksDB's native library; no apt, no docs but the copyright files),
# a Java runtime linked with jlink from the JDK that builds pidgr, and the user pidgr (10001) that
# owns /var/lib/pidgr. Written as a `docker save` tarball, which Jib takes as its base
# (`tar://...`, app/pom.xml's image profile) and `docker load` takes as it is.
#
#   deploy/image/build-base.sh            # writes deploy/image/target/pidgr-base.tar (skipped when it is
#                                         # up to date: this script, the JDK and the suite unchanged)
#   deploy/image/build-base.sh --force    # builds it again (a new Debian point release with its fixes)
#
# Needs: mmdebstrap (Debian's package; apt-get install mmdebstrap), root or unprivileged user
# namespaces, and a JDK 21+ with jlink (bin/java-home.sh picks it). PIDGR_DEBIAN_SUITE and
# PIDGR_DEBIAN_MIRROR choose another suite or mirror (default: bookworm from deb.debian.org).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/deploy/image/target/pidgr-base.tar"
SUITE="${PIDGR_DEBIAN_SUITE:-bookworm}"
MIRROR="${PIDGR_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PIDGR_UID=10001

. "$ROOT/bin/java-home.sh"
# What the base is built from; a base built from anything else is built again.
stamp="$(cat "$ROOT/deploy/image/build-base.sh" "$ROOT/deploy/image/docker-save.sh" "$JAVA_HOME/release" \
  <(echo "$SUITE $MIRROR") | sha256sum | cut -d' ' -f1)"
if [ -f "$OUT" ] && [ "$(cat "$OUT.stamp" 2>/dev/null)" = "$stamp" ] && [ "${1:-}" != "--force" ]; then
  echo "pidgr base image: $OUT is up to date (--force builds it again, e.g. for Debian's latest fixes)"
  exit 0
fi
command -v mmdebstrap >/dev/null || { echo "build-base.sh needs mmdebstrap (apt-get install mmdebstrap)" >&2; exit 1; }

# The Java SE modules plus the JDK modules pidgr's libraries use: sun.misc.Unsafe (Kafka, Netty,
# protobuf), com.sun.management (JVM metrics), com.sun.net.httpserver (GET /metrics and /ready),
# Kerberos and SASL logins (Kafka), zip file systems and extra charsets. jdk.crypto.ec holds TLS's
# elliptic curves up to JDK 21 (later they are in java.base and the module is empty).
MODULES=java.se,jdk.unsupported,jdk.management,jdk.httpserver,jdk.security.auth,jdk.security.jgss
MODULES="$MODULES,jdk.naming.dns,jdk.zipfs,jdk.charsets,jdk.net"
if "$JAVA_HOME/bin/java" --list-modules | grep -q '^jdk\.crypto\.ec@'; then
  MODULES="$MODULES,jdk.crypto.ec"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || echo 0)}"

echo "pidgr base image: jlink ($JAVA_HOME) -> $MODULES"
# JDK 23+ warns about libraries that still use sun.misc.Unsafe; the runtime allows it by default,
# so that the image's command line stays the same on every JDK (an older one rejects the flag).
JLINK_OPTIONS=()
if [ "$(java_major "$JAVA_HOME/bin/java")" -ge 23 ]; then
  JLINK_OPTIONS+=(--add-options=--sun-misc-unsafe-memory-access=allow)
fi
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 "${JLINK_OPTIONS[@]}" --output "$work/jre"

echo "pidgr base image: Debian $SUITE from $MIRROR (mmdebstrap)"
# merged-usr hook: /usr merged by symlinks, as Debian 12 does, without the usrmerge package and its perl.
mmdebstrap --variant=essential --include=curl,libstdc++6 --aptopt='APT::Install-Recommends "false"' \
  --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --customize-hook="mkdir -p \"\$1/opt/java\" && cp -a '$work/jre' \"\$1/opt/java/openjdk\"" \
  --customize-hook="echo 'pidgr:x:$PIDGR_UID:$PIDGR_UID:pidgr:/var/lib/pidgr:/usr/sbin/nologin' >> \"\$1/etc/passwd\"" \
  --customize-hook="echo 'pidgr:x:$PIDGR_UID:' >> \"\$1/etc/group\"" \
  --customize-hook="install -d -o $PIDGR_UID -g $PIDGR_UID -m 0750 \"\$1/var/lib/pidgr\" \"\$1/var/lib/pidgr/state\"" \
  --customize-hook="rm -rf \"\$1/var/cache/debconf\"/*-old \"\$1/var/log\"/*" \
  --customize-hook=": > \"\$1/etc/resolv.conf\" && echo pidgr > \"\$1/etc/hostname\"" \
  --format=tar "$SUITE" "$work/layer.tar" "$MIRROR"

mkdir -p "$(dirname "$OUT")"
"$ROOT/deploy/image/docker-save.sh" "$work/layer.tar" "$OUT.tmp" \
  "PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  "JAVA_HOME=/opt/java/openjdk" "LANG=C.UTF-8"
mv "$OUT.tmp" "$OUT"
echo "$stamp" > "$OUT.stamp"
echo "pidgr base image: $OUT ($(du -h "$OUT" | cut -f1))"
