#!/usr/bin/env bash
# Docker mode of scripts/start_monitoring.sh: docker-compose.yml with the engine named by DOCKER_HOST (or the
# default socket). Sourced; expects ROOT, RUN_DIR and log() from the caller.

# shellcheck disable=SC2034  # DOCKER_WHY is read by start_monitoring.sh
MONITORS=(health-monitor performance-monitor)
PREREQUISITES=(redis aggr-influx)
# Docker's first health check runs one HEALTHCHECK interval (30 s) after start.
HEALTH_TIMEOUT="${SQUEEZEFLOW_HEALTH_TIMEOUT:-180}"
DOCKER_MARKER="$RUN_DIR/docker-mode"
COMPOSE=()
UP_FLAGS=()

# docker_usable: fails when there is no engine or no compose to use, with the reason in DOCKER_WHY; sets COMPOSE.
# (Not meant for $(...): COMPOSE must be set in this shell.)
docker_usable() {
  DOCKER_WHY=""
  if ! command -v docker >/dev/null 2>&1; then
    DOCKER_WHY="no docker CLI"
    return 1
  fi
  local err
  if ! err="$(timeout 15 docker info --format '{{.ServerVersion}}' 2>&1 >/dev/null)"; then
    DOCKER_WHY="no Docker engine answers at ${DOCKER_HOST:-the default socket}: $(head -n 1 <<<"$err")"
    return 1
  fi
  if command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  elif docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  else
    DOCKER_WHY="neither docker-compose nor the docker compose plugin is installed"
    return 1
  fi
}

compose() { (cd "$ROOT" && "${COMPOSE[@]}" "$@"); }

# use_external_stack: the monitors only, on the trading stack's network (docker-compose.external.yml).
use_external_stack() {
  export COMPOSE_FILE="${COMPOSE_FILE:-docker-compose.yml:docker-compose.external.yml}"
  PREREQUISITES=()
  UP_FLAGS=(--no-deps)
}

# use_alerting: an Alertmanager beside the monitors (docker-compose.alerting.yml), started and awaited with them.
use_alerting() {
  export COMPOSE_FILE="${COMPOSE_FILE:-docker-compose.yml}:docker-compose.alerting.yml"
  MONITORS+=(alertmanager)
}

# The compose file mounts DOCKER_SOCKET_PATH into health-monitor, which runs as uid 1000 and so needs the
# socket's group (DOCKER_GID). Derive both from the engine in use unless the operator set them.
docker_socket_env() {
  if [ -z "${DOCKER_SOCKET_PATH:-}" ]; then
    case "${DOCKER_HOST:-}" in
      "") DOCKER_SOCKET_PATH=/var/run/docker.sock ;;
      unix://*) DOCKER_SOCKET_PATH="${DOCKER_HOST#unix://}" ;;
      *) DOCKER_SOCKET_PATH=/var/run/docker.sock
         log "DOCKER_HOST=$DOCKER_HOST is not a local socket: health-monitor gets the engine host's" \
           "$DOCKER_SOCKET_PATH; set DOCKER_SOCKET_PATH and DOCKER_GID if that is wrong" ;;
    esac
  fi
  if [ -z "${DOCKER_GID:-}" ] && [ -S "$DOCKER_SOCKET_PATH" ]; then
    DOCKER_GID="$(stat -c %g "$DOCKER_SOCKET_PATH")"
  fi
  export DOCKER_SOCKET_PATH
  [ -n "${DOCKER_GID:-}" ] && export DOCKER_GID
  # Without buildx the docker CLI cannot use BuildKit (Debian's docker.io); the legacy builder does the job.
  if [ -z "${DOCKER_BUILDKIT:-}" ] && ! docker buildx version >/dev/null 2>&1; then
    export DOCKER_BUILDKIT=0
  fi
  return 0
}

# health_of CONTAINER: "<state> <health> <restarts>", health "none" when the image has no HEALTHCHECK.
health_of() {
  docker inspect --format \
    '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}} {{.RestartCount}}' "$1"
}

# fail_service SERVICE WHY: the message an operator needs, with the service's last log lines.
fail_service() {
  [ -t 2 ] && printf '\n' >&2
  log "$1 $2; its last log lines:"
  compose logs --no-color --tail 30 "$1" >&2 || true
  log "more: ${COMPOSE[*]} logs $1    stop everything: ./scripts/start_monitoring.sh --docker --stop"
  return 1
}

# progress LINE [final]: one line rewritten in place on a terminal; in a log, at most one line per 10 s.
PROGRESS_AT=-10
progress() {
  if [ -t 2 ]; then
    printf '\r%-70s' "$1" >&2
    [ -z "${2:-}" ] || printf '\n' >&2
  elif [ -n "${2:-}" ] || [ $((SECONDS - PROGRESS_AT)) -ge 10 ]; then
    PROGRESS_AT=$SECONDS
    printf '%s\n' "$1" >&2
  fi
}

# wait_healthy SERVICE: waits for Docker to report the service's container healthy, with a progress line.
wait_healthy() {
  local service="$1" id state health restarts restarts_before started=$SECONDS elapsed
  id="$(compose ps -q "$service")"
  [ -n "$id" ] || { fail_service "$service" "has no container"; return 1; }
  read -r _ _ restarts_before <<<"$(health_of "$id")"
  PROGRESS_AT=-10
  while :; do
    read -r state health restarts <<<"$(health_of "$id")"
    elapsed=$((SECONDS - started))
    if [ "$state" = running ] && { [ "$health" = healthy ] || [ "$health" = none ]; }; then
      progress "$service: healthy (${elapsed}s)" final
      return 0
    fi
    if [ "$restarts" -gt "$restarts_before" ] || [ "$state" = exited ] || [ "$state" = dead ]; then
      fail_service "$service" "exited during start-up (now $state; Docker restarted it $((restarts - restarts_before)) times)"
      return 1
    fi
    if [ "$health" = unhealthy ]; then
      fail_service "$service" "is unhealthy (its HEALTHCHECK failed 3 times in a row)"
      return 1
    fi
    if [ "$elapsed" -ge "$HEALTH_TIMEOUT" ]; then
      fail_service "$service" "is still '$health' after ${HEALTH_TIMEOUT}s (SQUEEZEFLOW_HEALTH_TIMEOUT)"
      return 1
    fi
    progress "$service: $state, health $health (${elapsed}s)"
    sleep 2
  done
}

# host_url SERVICE PORT: http://host:port of a published container port, or nothing when it is not published.
host_url() {
  local published
  published="$(compose port "$1" "$2" 2>/dev/null | head -n 1)" || true
  [ -n "$published" ] || return 0
  echo "http://${published/0.0.0.0/localhost}"
}

start_docker() {
  docker_socket_env
  mkdir -p "$RUN_DIR/logs"
  if [ ${#PREREQUISITES[@]} -eq 0 ]; then
    local network="${TRADING_STACK_NETWORK:-squeezeflow_default}"
    if ! docker network inspect "$network" >/dev/null 2>&1; then
      log "the trading stack's network '$network' does not exist; set TRADING_STACK_NETWORK to one of:"
      docker network ls --format '  {{.Name}}' >&2
      return 1
    fi
  fi
  local build_log="$RUN_DIR/logs/docker-build.log"
  log "building images (${COMPOSE[*]} build; output in $build_log)"
  if ! compose build "${MONITORS[@]}" >"$build_log" 2>&1; then
    tail -n 30 "$build_log" >&2
    log "image build failed; full output in $build_log"
    return 1
  fi
  printf '%s' "${COMPOSE_FILE:-}" >"$DOCKER_MARKER"
  if [ ${#PREREQUISITES[@]} -gt 0 ]; then
    log "starting ${PREREQUISITES[*]}"
    compose up -d --no-build "${PREREQUISITES[@]}"
    for service in "${PREREQUISITES[@]}"; do wait_healthy "$service"; done
  fi
  log "starting ${MONITORS[*]}"
  compose up -d --no-build "${UP_FLAGS[@]}" "${MONITORS[@]}"
  for service in "${MONITORS[@]}"; do wait_healthy "$service"; done
  local health perf redis_cli="${COMPOSE[*]} exec redis redis-cli"
  [ ${#PREREQUISITES[@]} -gt 0 ] || redis_cli="docker exec <the stack's redis container> redis-cli"
  health="$(host_url health-monitor 8080)"
  perf="$(host_url performance-monitor 8081)"
  cat <<MSG

SqueezeFlow monitoring is running (docker mode, ${COMPOSE[*]}).
  health-monitor:       ${health:-not published}/health   (/health/detailed, /status, /metrics)
  performance-monitor:  ${perf:-not published}/dashboard   (/health, /metrics)
  containers:           ${COMPOSE[*]} ps      logs: ${COMPOSE[*]} logs -f health-monitor
Try:
  curl ${health:-http://localhost:8090}/health
  $redis_cli GET squeezeflow:dashboard:performance
Stop with: ./scripts/start_monitoring.sh --stop
MSG
}

stop_docker() {
  # The compose files a start recorded, so --stop finds the same project and services.
  if [ -z "${COMPOSE_FILE:-}" ] && [ -s "$DOCKER_MARKER" ]; then
    COMPOSE_FILE="$(cat "$DOCKER_MARKER")"
    export COMPOSE_FILE
  fi
  log "stopping the compose services (${COMPOSE[*]} stop; containers and data are kept)"
  compose stop
  rm -f "$DOCKER_MARKER"
}

status_docker() {
  compose ps
  local service id
  for service in "${MONITORS[@]}" "${PREREQUISITES[@]}"; do
    id="$(compose ps -q "$service" 2>/dev/null)" || true
    if [ -n "$id" ]; then
      echo "$service: $(health_of "$id" | awk '{ printf "%s, health %s, restarts %s", $1, $2, $3 }')"
    else
      echo "$service: no container"
    fi
  done
}
