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
  promtool:prometheus debootstrap:debootstrap docker-compose:docker-compose curl:curl \
  prometheus-alertmanager:prometheus-alertmanager pytest-3:python3-pytest chromium:chromium
# The Python client's tests use Debian's python3 (python3-redis has no command to look for).
python=/usr/bin/python3
"$python" -c 'import redis' 2>/dev/null || ensure_debian_packages python3-redis-module:python3-redis
ensure_workspace

log "build and type-check"
pnpm exec turbo run build --output-logs=errors-only
# One program over every package, app, benchmark and root-level test.
pnpm exec tsc -p tsconfig.json
log "lint"
pnpm exec biome check .

reports="$(mktemp -d)"
report="$reports/vitest.json"
projects=()
python_tests=(clients/python/tests)
[ "${1:-}" = "unit" ] && projects=(--project unit) && python_tests=(clients/python/tests/test_contract_fixtures.py)
log "tests"
status=0
pnpm exec vitest run "${projects[@]}" --reporter=default --reporter=json --outputFile.json="$report" || status=$?
log "python client tests"
"$python" -m pytest "${python_tests[@]}" -q -p no:cacheprovider --junitxml="$reports/pytest.xml" || status=1
# One closing line in the plain form CI reads: "N passed, N failed" (vitest and pytest together).
node -e '
  const fs = require("fs");
  const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
  const py = fs.existsSync(process.argv[2]) ? fs.readFileSync(process.argv[2], "utf8") : "";
  const attr = (name) => Number((new RegExp(`<testsuite[^>]* ${name}="(\\d+)"`).exec(py) ?? [])[1] ?? 0);
  const pyFailed = attr("failures") + attr("errors");
  const pyPassed = attr("tests") - pyFailed - attr("skipped");
  const skipped = r.numPendingTests + r.numTodoTests + attr("skipped");
  const passed = r.numPassedTests + pyPassed;
  const failed = r.numFailedTests + pyFailed;
  console.log(`tests: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$report" "$reports/pytest.xml" || true
exit "$status"
