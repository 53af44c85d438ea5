#!/usr/bin/env bash
# The project's one test command: installs what is missing, builds, type-checks, lints and runs every test
# (unit, then integration against real redis-server, influxd and dockerd that the tests start themselves).
#   ./scripts/test.sh            everything
#   ./scripts/test.sh unit       unit tests only (no servers)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure_tools.sh

ensure_debian_packages \
  redis-server:redis-server influxd:influxdb dockerd:docker.io busybox:busybox-static \
  promtool:prometheus debootstrap:debootstrap docker-compose:docker-compose curl:curl chromium:chromium
ensure_workspace

log "build and type-check"
pnpm exec turbo run build --output-logs=errors-only
# One program over every package, app, benchmark and root-level test.
pnpm exec tsc -p tsconfig.json
log "lint"
pnpm exec biome check .

report="$(mktemp -d)/vitest.json"
projects=()
[ "${1:-}" = "unit" ] && projects=(--project unit)
log "tests"
status=0
pnpm exec vitest run "${projects[@]}" --reporter=default --reporter=json --outputFile.json="$report" || status=$?
# One closing line in the plain form CI reads: "N passed, N failed".
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$report" || true
exit "$status"
