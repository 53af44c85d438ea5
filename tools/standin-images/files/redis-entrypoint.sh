#!/bin/sh
# Stand-in for tests only: behaves like the official redis image's docker-entrypoint.sh.
set -e
# Bare flags or a config file mean "redis-server with these".
case "$1" in -*|*.conf) set -- redis-server "$@" ;; esac
if [ "$1" = redis-server ]; then
  # The official image builds redis with protected mode off; Debian's build keeps it on, which
  # refuses clients from other containers when no password is set. Keep the official behaviour
  # even when compose overrides the command, unless the caller sets it.
  case " $* " in *protected-mode*) ;; *) set -- "$@" --protected-mode no ;; esac
  if [ "$(id -u)" = 0 ]; then
    find . \! -user redis -exec chown redis '{}' +
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi
exec "$@"
