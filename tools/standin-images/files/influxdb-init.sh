#!/bin/bash
# Stand-in for tests only: the part of the official influxdb:1.8 image's init-influxdb.sh that
# tests rely on. On the first start (no meta dir yet) it runs influxd on loopback, creates
# INFLUXDB_DB and the optional INFLUXDB_ADMIN_USER, runs /docker-entrypoint-initdb.d/*.sh and
# *.iql, then stops it so the entrypoint can start the real server.
set -euo pipefail

META_DIR=${INFLUXDB_META_DIR:-/var/lib/influxdb/meta}
INIT_DIR=/docker-entrypoint-initdb.d
shopt -s nullglob
init_files=("$INIT_DIR"/*.sh "$INIT_DIR"/*.iql)

if [ -d "$META_DIR" ]; then exit 0; fi
if [ -z "${INFLUXDB_DB:-}" ] && [ -z "${INFLUXDB_ADMIN_USER:-}" ] && [ ${#init_files[@]} -eq 0 ]; then
  exit 0
fi

INIT_PORT=${INFLUXDB_INIT_PORT:-8086}
base="http://127.0.0.1:$INIT_PORT"

INFLUXDB_HTTP_BIND_ADDRESS="127.0.0.1:$INIT_PORT" INFLUXDB_HTTP_HTTPS_ENABLED=false \
  INFLUXDB_HTTP_AUTH_ENABLED=false influxd "$@" &
pid=$!

for _ in $(seq 1 60); do
  if curl -sf "$base/ping" >/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "init-influxdb: influxd exited early" >&2; exit 1; fi
  sleep 0.5
done

query() {
  local out
  out=$(curl -sS -XPOST "$base/query" --data-urlencode "q=$1")
  case "$out" in *'"error"'*) echo "init-influxdb: $1 -> $out" >&2; exit 1 ;; esac
}

if [ -n "${INFLUXDB_DB:-}" ]; then query "CREATE DATABASE \"$INFLUXDB_DB\""; fi
if [ -n "${INFLUXDB_ADMIN_USER:-}" ]; then
  query "CREATE USER \"$INFLUXDB_ADMIN_USER\" WITH PASSWORD '${INFLUXDB_ADMIN_PASSWORD:-}' WITH ALL PRIVILEGES"
fi
for f in "${init_files[@]}"; do
  case "$f" in
    *.sh)
      echo "init-influxdb: running $f"
      # shellcheck source=/dev/null
      . "$f"
      ;;
    *.iql) echo "init-influxdb: running $f"; influx -host 127.0.0.1 -port "$INIT_PORT" -execute "$(cat "$f")" ;;
  esac
done

kill -s TERM "$pid"
wait "$pid" || true
echo "init-influxdb: initialised ${INFLUXDB_DB:-}"
