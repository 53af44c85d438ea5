#!/usr/bin/env bash
# Starts SqueezeFlow monitoring: health-monitor and performance-monitor. Run with --help for the modes and flags.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
# Tests point this elsewhere so they never touch an operator's running instance.
RUN_DIR="${SQUEEZEFLOW_RUN_DIR:-$ROOT/.run}"
source scripts/lib/ensure_tools.sh

usage() {
  cat <<'EOF'
Usage: ./scripts/start_monitoring.sh [--docker | --external | --local] [--alerting] [--detach] [--stop | --status]

Starts health-monitor and performance-monitor, waits until both are up, and prints their URLs.

Modes (default: docker when a Docker engine answers `docker info` and docker-compose is installed, else local):
  --docker   docker-compose.yml: builds both images, starts redis and aggr-influx, waits for them, then starts the
             two monitors and waits until Docker reports each healthy (its HEALTHCHECK). Returns once they are;
             the containers keep running (restart: unless-stopped) until --stop. Honours DOCKER_HOST,
             COMPOSE_FILE (e.g. docker-compose.yml:docker-compose.socket-proxy.yml), COMPOSE_PROJECT_NAME and
             the variables in docker-compose.yml (HEALTH_MONITOR_BIND, HEALTH_MONITOR_HOST_PORT, DOCKER_SOCKET_PATH, DOCKER_GID, ...).
  --external docker mode against an existing trading stack (docker-compose.external.yml): only the two monitors,
             on that stack's network (TRADING_STACK_NETWORK, default squeezeflow_default), using its redis and
             aggr-influx; our redis and aggr-influx are not started.
  --local    the two services as Node processes on this machine (ports HEALTH_MONITOR_PORT, default 8080,
             and PERFORMANCE_MONITOR_PORT, default 8081). Connects to Redis at REDIS_HOST:REDIS_PORT (default
             127.0.0.1:6379), or starts a private redis-server on a free port (data in .run/redis) when nothing
             answers there. InfluxDB, aggr-server and the strategy runner are not started: the health report
             says they are unreachable until they are. Runs in the foreground; Ctrl-C stops it.

Flags:
  --alerting docker modes: also run an Alertmanager (docker-compose.alerting.yml, deploy/alertmanager/) and point
             both monitors at it; in local mode set ALERTMANAGER_URL to an Alertmanager yourself
  --detach   local mode: return once both services answer (docker mode always returns)
  --stop     stop what this script started: the local processes, and the compose services if it started
             them; with --docker, stop the compose services in any case (`docker-compose stop`, data kept)
  --status   show what runs and answers, in both modes
  -h, --help this text
EOF
}

mode=auto
external=false
alerting=false
detach=false
action=start
for arg in "$@"; do
  case "$arg" in
    --local) mode=local ;;
    --docker) mode=docker ;;
    --external) mode=docker; external=true ;;
    --alerting) alerting=true ;;
    --detach) detach=true ;;
    --stop) action=stop ;;
    --status) action=status ;;
    -h | --help) usage; exit 0 ;;
    *) echo "start_monitoring.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

HEALTH_PORT="${HEALTH_MONITOR_PORT:-8080}"
PERF_PORT="${PERFORMANCE_MONITOR_PORT:-8081}"

answers() { curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null; }
redis_answers() { [ "$(redis-cli -h "$1" -p "$2" --no-raw PING 2>/dev/null)" = "PONG" ]; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

stop_pid_file() {
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped $(basename "$file" .pid) (pid $pid)"
  fi
  rm -f "$file"
}

stop_all() {
  stop_pid_file "$RUN_DIR/health-monitor.pid"
  stop_pid_file "$RUN_DIR/performance-monitor.pid"
  stop_pid_file "$RUN_DIR/redis.pid"
}

status() {
  local name pid
  for name in health-monitor performance-monitor redis; do
    if [ -f "$RUN_DIR/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
      echo "$name: running (pid $(cat "$RUN_DIR/$name.pid"))"
    else
      echo "$name: not running"
    fi
  done
  answers "http://127.0.0.1:$HEALTH_PORT/livez" && echo "health-monitor answers on :$HEALTH_PORT" || true
  answers "http://127.0.0.1:$PERF_PORT/livez" && echo "performance-monitor answers on :$PERF_PORT" || true
}

# wait_until_live NAME URL: NAME as start_service started it.
wait_until_live() {
  local name="$1" url="$2" pid_file="$RUN_DIR/$1.pid" log_file="$RUN_DIR/logs/$1.log"
  for i in $(seq 1 120); do
    if answers "$url"; then printf '\r%-60s\n' "$name: up" >&2; return 0; fi
    if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      printf '\n' >&2
      log "$name exited during start-up; last lines of $log_file:"
      tail -n 20 "$log_file" >&2
      return 1
    fi
    printf '\r%s: waiting for %s (%ss)' "$name" "$url" "$((i / 2))" >&2
    sleep 0.5
  done
  printf '\n' >&2
  log "$name did not answer $url within 60 s; last lines of $log_file:"
  tail -n 20 "$log_file" >&2
  return 1
}

start_redis_if_needed() {
  REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
  REDIS_PORT="${REDIS_PORT:-6379}"
  if redis_answers "$REDIS_HOST" "$REDIS_PORT"; then
    log "using Redis at $REDIS_HOST:$REDIS_PORT"
    return 0
  fi
  REDIS_HOST=127.0.0.1
  REDIS_PORT="$(free_port)"
  mkdir -p "$RUN_DIR/redis"
  log "no Redis answers; starting a private redis-server on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN_DIR/redis" --save 60 1 --daemonize no \
    >"$RUN_DIR/logs/redis.log" 2>&1 &
  echo $! >"$RUN_DIR/redis.pid"
  for _ in $(seq 1 50); do redis_answers 127.0.0.1 "$REDIS_PORT" && return 0; sleep 0.1; done
  log "redis-server did not start; see $RUN_DIR/logs/redis.log"
  return 1
}

# Each monitor gets the heap and malloc settings it has in its container (scripts/lib/local_node_flags says why).
start_service() {
  local name="$1" flags=() environment=()
  read -r -a flags <<<"$(awk -v app="$name" '$1 == app { $1 = ""; print }' "$ROOT/scripts/lib/local_node_flags")"
  read -r -a environment <<<"$(awk '$1 == "environment" { $1 = ""; print }' "$ROOT/scripts/lib/local_node_flags")"
  REDIS_HOST="$REDIS_HOST" REDIS_PORT="$REDIS_PORT" HEALTH_MONITOR_PORT="$HEALTH_PORT" \
    PERFORMANCE_MONITOR_PORT="$PERF_PORT" INFLUX_HOST="${INFLUX_HOST:-127.0.0.1}" \
    nohup env "${environment[@]}" node "${flags[@]}" "apps/$name/dist/bundle/main.mjs" >"$RUN_DIR/logs/$name.log" 2>&1 &
  echo $! >"$RUN_DIR/$name.pid"
}

start_local() {
  for port in "$HEALTH_PORT" "$PERF_PORT"; do
    if answers "http://127.0.0.1:$port/livez"; then
      log "something already answers on port $port; stop it first (./scripts/start_monitoring.sh --stop)"
      exit 1
    fi
  done
  ensure_debian_packages redis-server:redis-server redis-cli:redis-tools curl:curl
  ensure_workspace
  log "building"
  pnpm exec turbo run build --filter=@squeezeflow/health-monitor --filter=@squeezeflow/performance-monitor \
    --output-logs=errors-only
  mkdir -p "$RUN_DIR/logs"
  start_redis_if_needed
  trap 'stop_all; exit 1' ERR
  start_service health-monitor
  start_service performance-monitor
  wait_until_live health-monitor "http://127.0.0.1:$HEALTH_PORT/livez"
  wait_until_live performance-monitor "http://127.0.0.1:$PERF_PORT/livez"
  trap - ERR
  cat <<MSG

SqueezeFlow monitoring is running (local mode).
  health-monitor:       http://127.0.0.1:$HEALTH_PORT/health   (/health/detailed, /status, /metrics)
  performance-monitor:  http://127.0.0.1:$PERF_PORT/dashboard   (/health, /metrics)
  Redis:                $REDIS_HOST:$REDIS_PORT
  logs:                 $RUN_DIR/logs/
Try:
  curl http://127.0.0.1:$HEALTH_PORT/health
  redis-cli -h $REDIS_HOST -p $REDIS_PORT GET squeezeflow:dashboard:performance
MSG
  if [ "$detach" = true ]; then
    echo "Stop with: ./scripts/start_monitoring.sh --stop"
    return 0
  fi
  echo "Press Ctrl-C to stop."
  trap 'echo; stop_all; exit 0' INT TERM
  while kill -0 "$(cat "$RUN_DIR/health-monitor.pid")" 2>/dev/null &&
    kill -0 "$(cat "$RUN_DIR/performance-monitor.pid")" 2>/dev/null; do
    sleep 1
  done
  log "a service exited; stopping the rest"
  stop_all
  exit 1
}

source scripts/lib/docker_mode.sh

# The mode to act in: the one asked for, else docker when usable, else local (saying why).
resolve_mode() {
  case "$mode" in
    local) return 0 ;;
    docker) docker_usable || { log "docker mode: $DOCKER_WHY"; exit 1; } ;;
    auto) if docker_usable; then mode=docker; else mode=local; log "local mode ($DOCKER_WHY)"; fi ;;
  esac
}

case "$action" in
  stop)
    # Without --docker, compose services are stopped only when this script started them.
    stop_all
    if [ "$external" = true ]; then use_external_stack; fi
    if [ "$mode" = docker ] || { [ "$mode" = auto ] && [ -f "$DOCKER_MARKER" ]; }; then
      mode=docker
      resolve_mode
      stop_docker
    fi
    ;;
  status)
    if [ "$external" = true ]; then use_external_stack; fi
    if [ "$mode" != docker ]; then
      echo "local mode:"
      status | sed 's/^/  /'
    fi
    if [ "$mode" != local ]; then
      echo "docker mode:"
      if docker_usable; then status_docker | sed 's/^/  /'; else echo "  $DOCKER_WHY"; fi
    fi
    ;;
  start)
    resolve_mode
    if [ "$external" = true ]; then use_external_stack; fi
    if [ "$alerting" = true ]; then
      [ "$mode" = docker ] || { log "--alerting needs docker mode; locally, set ALERTMANAGER_URL instead"; exit 2; }
      use_alerting
    fi
    if [ "$mode" = docker ]; then start_docker; else start_local; fi
    ;;
esac
