#!/bin/bash
# Stand-in for tests only: behaves like the official influxdb:1.8 image's entrypoint.sh.
set -euo pipefail
if [ "${1:0:1}" = '-' ]; then set -- influxd "$@"; fi
if [ "$1" = influxd ]; then /init-influxdb.sh "${@:2}"; fi
exec "$@"
