#!/bin/sh
# Stand-in for tests only: behaves like the official node image's docker-entrypoint.sh.
# A first argument that is a flag, or not a command on PATH, or a non-executable file, is
# handed to node (so `docker run IMAGE -e '1+1'` and `docker run IMAGE app.js` both work).
set -e
if [ "${1#-}" != "$1" ] || [ -z "$(command -v "$1" || true)" ] || { [ -f "$1" ] && ! [ -x "$1" ]; }; then
  set -- node "$@"
fi
exec "$@"
