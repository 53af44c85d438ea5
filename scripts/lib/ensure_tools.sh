#!/usr/bin/env bash
# Installs what this project needs on a fresh Debian machine of the project's kind: the Debian packages the
# tests and the local mode use (when root), the pinned pnpm, and the workspace's dependencies from the lockfile.
# Sourced by scripts/test.sh and scripts/start_monitoring.sh; idempotent and quiet when nothing is missing.

export TURBO_TELEMETRY_DISABLED=1
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"

log() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

# ensure_debian_packages COMMAND:PACKAGE ...  installs PACKAGE when COMMAND is not on PATH.
ensure_debian_packages() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root, or install them: apt-get install ${missing[*]})"
    return 1
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install -g --silent "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

ensure_workspace() {
  ensure_pnpm
  log "installing dependencies from the lockfile"
  pnpm install --frozen-lockfile --reporter=silent
}
