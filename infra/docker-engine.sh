#!/usr/bin/env bash
# The Docker engine the image build and the container smoke test use (decision 0024).
#   infra/docker-engine.sh start   install Debian's docker.io if missing, start dockerd unless one answers
#   infra/docker-engine.sh stop    stop the dockerd this script started (and nothing else)
#   infra/docker-engine.sh check   exit 0 when an engine answers
# dockerd runs with host networking only (--bridge=none --iptables=false): containers use
# `--network host`, so no traffic leaves the loopback and no firewall rule is written.
# Needs root; without it `start` says why and exits 3 (the callers then skip by name).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PIDFILE="$LOCAL/dockerd.pid"
LOGFILE="$LOCAL/dockerd.log"

engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

start() {
  if engine_answers; then log "docker engine already answers"; return 0; fi
  if [ "$(id -u)" != 0 ]; then
    log "docker engine: not root, cannot install or start dockerd"
    exit 3
  fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  log "starting dockerd (host networking only; log .local/dockerd.log)"
  # setsid: its own session, so a test runner's process group ending does not take it down mid-run.
  setsid dockerd --bridge=none --iptables=false --ip6tables=false --pidfile "$LOCAL/dockerd.self.pid" \
    >"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 300); do engine_answers && { log "dockerd up (pid $(cat "$PIDFILE"))"; return 0; }; sleep 0.1; done
  tail -20 "$LOGFILE" >&2
  die "dockerd did not answer within 30 s (see .local/dockerd.log)"
}

stop() {
  [ -f "$PIDFILE" ] || return 0
  local pid
  pid=$(cat "$PIDFILE")
  rm -f "$PIDFILE"
  kill -0 "$pid" 2>/dev/null || return 0
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  check) engine_answers ;;
  *) die "usage: infra/docker-engine.sh start|stop|check" ;;
esac
