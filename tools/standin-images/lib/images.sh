# shellcheck shell=bash
# The three stand-in recipes, sourced by build.sh (which defines in_chroot, extract_rootfs,
# tar_rootfs, base_tarball, apt_rootfs_tarball, WORK, HERE, STD_PATH, LABEL_CHANGE).
# Each build_NAME TAG leaves the image tagged TAG in the engine at DOCKER_HOST.

IMAGE_CA_BUNDLE=/usr/local/share/standin/ca-bundle.crt

# node:20-bookworm-slim: base rootfs + this machine's node, npm and corepack in /usr/local,
# a `node` user with uid/gid 1000, the official image's entrypoint behaviour, and the host's
# CA bundle for node (STANDIN_CA_BUNDLE, default $NODE_EXTRA_CA_CERTS; empty: none).
build_node() {
  local tag=$1 node_bin version want prefix dir="$WORK/node"
  local ca_bundle=${STANDIN_CA_BUNDLE-${NODE_EXTRA_CA_CERTS:-}}
  node_bin=$(readlink -f "${STANDIN_NODE_BIN:-$(command -v node || true)}")
  [ -x "$node_bin" ] || die "no node binary found (set STANDIN_NODE_BIN)"
  version=$("$node_bin" --version)
  want=$(sed -nE 's/^[^:]*:([0-9]+).*/\1/p' <<<"$tag")
  if [ -n "$want" ] && [ "$version" = "${version#v"$want".}" ]; then
    die "$tag needs Node $want, but $node_bin is $version (set STANDIN_NODE_BIN)"
  fi
  prefix=$(dirname "$(dirname "$node_bin")")
  local base
  base=$(base_tarball)
  log "assembling $tag from $node_bin ($version)"
  extract_rootfs "$base" "$dir"
  in_chroot "$dir" groupadd --gid 1000 node
  in_chroot "$dir" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  install -D -m 0755 "$node_bin" "$dir/usr/local/bin/node"
  mkdir -p "$dir/usr/local/lib/node_modules"
  local pkg
  for pkg in npm corepack; do
    if [ -d "$prefix/lib/node_modules/$pkg" ]; then
      cp -a "$prefix/lib/node_modules/$pkg" "$dir/usr/local/lib/node_modules/"
    fi
  done
  [ -d "$dir/usr/local/lib/node_modules/npm" ] || die "npm not found under $prefix/lib/node_modules"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$dir/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$dir/usr/local/bin/npx"
  if [ -d "$dir/usr/local/lib/node_modules/corepack" ]; then
    ln -s ../lib/node_modules/corepack/dist/corepack.js "$dir/usr/local/bin/corepack"
  fi
  # No node-gyp headers (54 MB here): the official slim image has no compiler to use them.
  install -m 0755 "$HERE/files/node-entrypoint.sh" "$dir/usr/local/bin/docker-entrypoint.sh"
  # Not in the official image: this machine reaches the npm registry only through a TLS
  # proxy whose CA is in the host's bundle, so `RUN npm/pnpm install` in a build needs it.
  local ca_env=()
  if [ -n "$ca_bundle" ]; then
    [ -r "$ca_bundle" ] || die "CA bundle $ca_bundle is not readable"
    install -D -m 0644 "$ca_bundle" "$dir$IMAGE_CA_BUNDLE"
    ca_env=(--change "ENV NODE_EXTRA_CA_CERTS=$IMAGE_CA_BUNDLE")
  fi
  in_chroot "$dir" /usr/local/bin/node --version >/dev/null \
    || die "node does not run in the bookworm rootfs (missing libraries?)"
  tar_rootfs "$dir" | docker import \
    --change "ENV PATH=$STD_PATH" \
    --change "ENV NODE_VERSION=${version#v}" \
    "${ca_env[@]}" \
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    --change 'CMD ["node"]' \
    --change "$LABEL_CHANGE" \
    - "$tag" >/dev/null
  rm -rf "$dir"
}

redis_setup() {
  # Fixed ids as in the official image, created before the package's postinst would pick one.
  in_chroot "$1" groupadd --system --gid 999 redis
  in_chroot "$1" useradd --system --gid redis --uid 999 --home-dir /var/lib/redis redis
}

redis_finish() {
  install -d -o 999 -g 999 "$1/data"
  install -m 0755 "$HERE/files/redis-entrypoint.sh" "$1/usr/local/bin/docker-entrypoint.sh"
}

# redis:7-bookworm: Debian's redis-server 7.0 and redis-cli; runs as redis (999) in /data.
build_redis() {
  local tag=$1 tarball
  tarball=$(apt_rootfs_tarball redis redis_setup redis_finish redis-server redis-tools)
  docker import \
    --change "ENV PATH=$STD_PATH" \
    --change 'WORKDIR /data' \
    --change 'VOLUME /data' \
    --change 'EXPOSE 6379' \
    --change 'ENTRYPOINT ["docker-entrypoint.sh"]' \
    --change 'CMD ["redis-server", "--protected-mode", "no"]' \
    --change "$LABEL_CHANGE" \
    "$tarball" "$tag" >/dev/null
}

influxdb_setup() { :; }

influxdb_finish() {
  install -m 0755 "$HERE/files/influxdb-entrypoint.sh" "$1/entrypoint.sh"
  install -m 0755 "$HERE/files/influxdb-init.sh" "$1/init-influxdb.sh"
  install -d "$1/docker-entrypoint-initdb.d" "$1/var/lib/influxdb"
}

# influxdb:1.8: Debian's influxd 1.6.7 (same 1.x HTTP API), the influx CLI and curl (for
# healthchecks); runs as root like the official 1.8 image; data under /var/lib/influxdb.
# influxd reads /etc/influxdb/influxdb.conf and INFLUXDB_* overrides
# (e.g. INFLUXDB_HTTP_BIND_ADDRESS); INFLUXDB_DB is created on first start.
build_influxdb() {
  local tag=$1 tarball
  tarball=$(apt_rootfs_tarball influxdb influxdb_setup influxdb_finish influxdb influxdb-client curl)
  docker import \
    --change "ENV PATH=$STD_PATH" \
    --change 'EXPOSE 8086' \
    --change 'VOLUME /var/lib/influxdb' \
    --change 'ENTRYPOINT ["/entrypoint.sh"]' \
    --change 'CMD ["influxd"]' \
    --change "$LABEL_CHANGE" \
    "$tarball" "$tag" >/dev/null
}
