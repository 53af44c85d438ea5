#!/usr/bin/env bash
# Builds LOCAL STAND-INS for the public base images that our Dockerfiles and compose file use,
# in the Docker engine named by DOCKER_HOST. For tests only: no registry is reachable on the
# project's machines, so the real images can't be pulled. Each stand-in is a Debian bookworm
# minbase rootfs (debootstrap) plus this machine's Node 20 or Debian's redis / influxdb
# packages, imported with `docker import` and tagged as the real image.
#
# Rootfs tarballs are cached (see CACHE_DIR), so only the first run on a machine needs
# debootstrap and the Debian mirror; later runs, e.g. into a fresh test dockerd, only import.
set -euo pipefail

usage() {
  cat <<EOF
Usage: DOCKER_HOST=unix:///path/docker.sock $0 [--force] [--refresh-cache] [IMAGE...]

Builds and tags stand-ins for these images (IMAGE: node, redis, influxdb; default: all):
  node      -> \$STANDIN_NODE_TAG   (default node:20-bookworm-slim)
  redis     -> \$STANDIN_REDIS_TAG  (default redis:7-bookworm)
  influxdb  -> \$STANDIN_INFLUX_TAG (default influxdb:1.8)

  --force          rebuild images that are already present in the engine
  --refresh-cache  also rebuild the cached rootfs tarballs (implies --force)
  -h, --help       this text

Environment: DOCKER_HOST (required), STANDIN_CACHE_DIR (default
\${XDG_CACHE_HOME:-\$HOME/.cache}/squeezeflow/standin-images), DEBIAN_MIRROR (default: the
first Debian mirror in this machine's own apt sources), STANDIN_NODE_BIN (default: the node on PATH),
STANDIN_CA_BUNDLE (CA file trusted by node in the node image through NODE_EXTRA_CA_CERTS;
default: the host's \$NODE_EXTRA_CA_CERTS; set it empty for none). Needs root
(debootstrap, chroot), debootstrap, tar and the docker CLI.
EOF
}

# Bump when the base recipe (base_tarball, slim_rootfs) changes, so a stale cached base is
# not reused. Derived rootfs tarballs are keyed by a hash of their recipes (DERIVED_KEY).
BASE_RECIPE=2
NODE_TAG=${STANDIN_NODE_TAG:-node:20-bookworm-slim}
REDIS_TAG=${STANDIN_REDIS_TAG:-redis:7-bookworm}
INFLUX_TAG=${STANDIN_INFLUX_TAG:-influxdb:1.8}
MIRROR=${DEBIAN_MIRROR:-}
CACHE_DIR=${STANDIN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/squeezeflow/standin-images}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LABEL_CHANGE='LABEL org.squeezeflow.standin="local stand-in for tests only, not the official image"'
STD_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

FORCE=0
REFRESH=0
WANT=()

log() { printf 'standin: %s\n' "$*" >&2; }

# The first Debian archive URL this machine's apt uses (deb822 `URIs:` or a one-line `deb URL`), so the
# repository names no package host of its own.
machine_mirror() {
  local files=(/etc/apt/sources.list.d/*.sources /etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  awk '
    /^URIs:/ && $2 !~ /security/ { print $2; exit }
    /^deb / && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }
  ' "${files[@]}" 2>/dev/null | head -1
}
die() { printf 'standin: error: %s\n' "$*" >&2; exit 1; }

parse_args() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --force) FORCE=1 ;;
      --refresh-cache) FORCE=1; REFRESH=1 ;;
      -h|--help) usage; exit 0 ;;
      node|redis|influxdb) WANT+=("$1") ;;
      *) usage >&2; die "unknown argument: $1" ;;
    esac
    shift
  done
  [ ${#WANT[@]} -gt 0 ] || WANT=(node redis influxdb)
}

preflight() {
  [ -n "${DOCKER_HOST:-}" ] || die "DOCKER_HOST is not set (e.g. unix:///tmp/x/docker.sock)"
  [ "$(id -u)" = 0 ] || die "must run as root (debootstrap and chroot need it)"
  local cmd
  for cmd in debootstrap docker tar chroot flock; do
    command -v "$cmd" >/dev/null || die "$cmd not found (apt-get install -y debootstrap docker.io)"
  done
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
    || die "no Docker engine answers at DOCKER_HOST=$DOCKER_HOST"
  mkdir -p "$CACHE_DIR"
  # Two builds sharing a cache (parallel test runs) must not write the same tarball at once.
  exec 9>"$CACHE_DIR/.lock"
  flock 9
}

# A scratch dir holding chroots; chroots are never bind-mounted, so rm -rf is safe.
WORK=
cleanup() { if [ -n "$WORK" ]; then rm -rf "$WORK"; fi; }
trap cleanup EXIT

image_present() { docker image inspect "$1" >/dev/null 2>&1; }

# Runs a command inside a chroot with a clean environment and host networking for apt.
in_chroot() {
  local dir=$1; shift
  env -i PATH="$STD_PATH" HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    chroot "$dir" "$@"
}

# Tars a rootfs (numeric owners, without the device nodes debootstrap made) to stdout.
tar_rootfs() {
  tar --numeric-owner --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* -C "$1" -c .
}

# Unpacks a cached rootfs with the few device nodes that apt and friends need in a chroot
# (tar_rootfs leaves them out again: the engine provides /dev in containers).
extract_rootfs() {
  mkdir -p "$2"
  tar --numeric-owner -xpf "$1" -C "$2"
  mkdir -p "$2/dev"
  mknod -m 666 "$2/dev/null" c 1 3
  mknod -m 666 "$2/dev/zero" c 1 5
  mknod -m 666 "$2/dev/random" c 1 8
  mknod -m 666 "$2/dev/urandom" c 1 9
}

# Drops what a container doesn't need, as debian:bookworm-slim does.
slim_rootfs() {
  local dir=$1
  rm -rf "$dir"/var/cache/apt/*.bin "$dir"/var/cache/apt/archives/*.deb \
    "$dir"/var/lib/apt/lists/* "$dir"/var/log/*.log "$dir"/var/log/apt/* \
    "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/* \
    "$dir"/usr/sbin/policy-rc.d
  find "$dir"/usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete
  : >"$dir"/etc/resolv.conf
}

# The base every stand-in starts from: debootstrap --variant=minbase bookworm, slimmed.
base_tarball() {
  local tarball="$CACHE_DIR/bookworm-minbase-r$BASE_RECIPE.tar"
  if [ -f "$tarball" ] && [ "$REFRESH" = 0 ]; then echo "$tarball"; return; fi
  local mirror="${MIRROR:-$(machine_mirror)}"
  [ -n "$mirror" ] || die "no Debian mirror in /etc/apt/sources.list{,.d}: set DEBIAN_MIRROR"
  log "debootstrap --variant=minbase bookworm from $mirror (once per cache)"
  local dir="$WORK/base"
  debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; die "debootstrap failed"; }
  # The image installs packages from the same sources as this machine (main, updates, security).
  rm -f "$dir"/etc/apt/sources.list
  cp /etc/apt/sources.list "$dir"/etc/apt/ 2>/dev/null || true
  cp /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list "$dir"/etc/apt/sources.list.d/ 2>/dev/null || true
  # As in debian:*-slim: later package installs skip docs, man pages and translations.
  cat >"$dir"/etc/dpkg/dpkg.cfg.d/docker-slim <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
EOF
  slim_rootfs "$dir"
  tar_rootfs "$dir" >"$tarball.tmp"
  mv "$tarball.tmp" "$tarball"
  rm -rf "$dir"
  echo "$tarball"
}

# Base rootfs plus Debian packages, cached as NAME-KEY.tar. SETUP is a function run on the
# rootfs dir before the install (users with fixed ids), FINISH one run after it.
apt_rootfs_tarball() {
  local name=$1 setup=$2 finish=$3; shift 3
  local key tarball
  key=$(cat "$HERE/lib/images.sh" "$HERE"/files/* | sha256sum | cut -c1-12)
  tarball="$CACHE_DIR/$name-b$BASE_RECIPE-$key.tar"
  if [ -f "$tarball" ] && [ "$REFRESH" = 0 ]; then echo "$tarball"; return; fi
  find "$CACHE_DIR" -maxdepth 1 -name "$name-*.tar" -delete
  local base dir="$WORK/$name"
  base=$(base_tarball)
  extract_rootfs "$base" "$dir"
  cp /etc/resolv.conf "$dir"/etc/resolv.conf
  # Keeps package scripts from trying to start the services inside the chroot.
  printf '#!/bin/sh\nexit 101\n' >"$dir"/usr/sbin/policy-rc.d
  chmod +x "$dir"/usr/sbin/policy-rc.d
  "$setup" "$dir"
  log "apt-get install $* (once per cache)"
  if ! { in_chroot "$dir" apt-get update -qq \
    && in_chroot "$dir" apt-get install -y -qq --no-install-recommends "$@"; } >"$WORK/apt-$name.log" 2>&1; then
    tail -20 "$WORK/apt-$name.log" >&2
    die "apt-get install $* failed"
  fi
  "$finish" "$dir"
  slim_rootfs "$dir"
  tar_rootfs "$dir" >"$tarball.tmp"
  mv "$tarball.tmp" "$tarball"
  rm -rf "$dir"
  echo "$tarball"
}

# shellcheck source=lib/images.sh
. "$HERE/lib/images.sh"

main() {
  parse_args "$@"
  preflight
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/standin-images.XXXXXX")
  local name tag start old_id
  for name in "${WANT[@]}"; do
    case "$name" in
      node) tag=$NODE_TAG ;;
      redis) tag=$REDIS_TAG ;;
      influxdb) tag=$INFLUX_TAG ;;
    esac
    if [ "$FORCE" = 0 ] && image_present "$tag"; then
      log "$tag already present, skipped (--force rebuilds)"
      continue
    fi
    start=$(date +%s%N)
    old_id=$(docker image inspect -f '{{.Id}}' "$tag" 2>/dev/null || true)
    "build_$name" "$tag"
    if [ -n "$old_id" ]; then docker image rm "$old_id" >/dev/null 2>&1 || true; fi
    log "$(awk -v t="$tag" -v ns="$(( $(date +%s%N) - start ))" \
      -v b="$(docker image inspect -f '{{.Size}}' "$tag")" \
      'BEGIN { printf "built %s in %.1fs, %.0f MB", t, ns / 1e9, b / 1e6 }')"
  done
}

main "$@"
