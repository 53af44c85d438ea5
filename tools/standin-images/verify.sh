#!/usr/bin/env bash
# Checks the stand-ins made by build.sh in the engine at DOCKER_HOST: node runs as the real
# image would, redis answers PING from another container over a user-defined network, and
# influxd answers /ping and has created INFLUXDB_DB. Leaves nothing behind.
set -euo pipefail

NODE_TAG=${STANDIN_NODE_TAG:-node:20-bookworm-slim}
REDIS_TAG=${STANDIN_REDIS_TAG:-redis:7-bookworm}
INFLUX_TAG=${STANDIN_INFLUX_TAG:-influxdb:1.8}
[ -n "${DOCKER_HOST:-}" ] || { echo "verify: DOCKER_HOST is not set" >&2; exit 1; }

RUN_ID="standin-verify-$$"
NET="$RUN_ID-net"
passed=0
failed=0

cleanup() {
  docker rm -f "$RUN_ID-redis" "$RUN_ID-influx" >/dev/null 2>&1 || true
  docker network rm "$NET" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# check NAME EXPECTED COMMAND...: passes when the command's output contains EXPECTED.
check() {
  local name=$1 expected=$2 out; shift 2
  out=$("$@" 2>&1) || true
  if [[ "$out" == *"$expected"* ]]; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name: expected '$expected', got: $out"
    failed=$((failed + 1))
  fi
}

wait_for() {
  local _
  for _ in $(seq 1 40); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  return 1
}

docker network create "$NET" >/dev/null

check "node --version" "v20." docker run --rm "$NODE_TAG" node --version
check "entrypoint hands flags to node" "2" docker run --rm "$NODE_TAG" -p '1+1'
check "node user is uid 1000" "uid=1000(node) gid=1000(node)" docker run --rm -u node "$NODE_TAG" id
check "/bin/sh exists" "sh-ok" docker run --rm "$NODE_TAG" /bin/sh -c 'echo sh-ok'
check "npm and corepack run" "corepack-ok" \
  docker run --rm "$NODE_TAG" sh -c 'npm --version >/dev/null && corepack --version >/dev/null && echo corepack-ok'

docker run -d --name "$RUN_ID-redis" --network "$NET" --network-alias redis "$REDIS_TAG" >/dev/null
wait_for docker exec "$RUN_ID-redis" redis-cli ping || true
check "redis PING from another container by name" "PONG" \
  docker run --rm --network "$NET" "$REDIS_TAG" redis-cli -h redis ping
check "redis runs as uid 999" "999" docker exec "$RUN_ID-redis" sh -c "awk '/^Uid/ {print \$2}' /proc/1/status"

docker run -d --name "$RUN_ID-influx" --network "$NET" --network-alias aggr-influx \
  -e INFLUXDB_DB=significant_trades "$INFLUX_TAG" >/dev/null
# By name, not localhost: during first-start init a temporary influxd answers on loopback only.
wait_for docker exec "$RUN_ID-influx" curl -sf http://aggr-influx:8086/ping || true
check "influx /ping from another container by name" "X-Influxdb-Version" \
  docker run --rm --network "$NET" "$INFLUX_TAG" curl -sS -i http://aggr-influx:8086/ping
check "influx SHOW DATABASES has significant_trades" "significant_trades" \
  docker exec "$RUN_ID-influx" influx -execute 'SHOW DATABASES'

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
