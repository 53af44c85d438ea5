#!/bin/sh
# dockerd as the test harness starts it, but with docker-proxy on. The harness runs dockerd with
# --iptables=false --userland-proxy=false, under which a published port (`ports: ["8090:8080"]`) never
# answers on the host: without NAT rules only docker-proxy forwards it. The compose test checks exactly
# that path, so it passes this file as startDockerd's `command`; a repeated flag's last value wins.
exec dockerd "$@" --userland-proxy=true
