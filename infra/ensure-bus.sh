#!/usr/bin/env bash
# Runs the project's own nats-server with JetStream, its users and their permissions (not the
# machine's open server): `ensure-bus.sh dev` on 127.0.0.1:4322 (.local/bus), `ensure-bus.sh test`
# on 127.0.0.1:4323 (.local/bus-test, with the test harness's user). Idempotent: writes the
# configuration from libs/messaging/src/bus-accounts.ts, then starts the server, or reloads it when
# it already runs and the configuration changed, so a changed permission takes effect.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

mode=${1:-dev}
case "$mode" in
  dev) dir="$LOCAL/bus"; port=${BUS_PORT:-4322}; flag= ;;
  test) dir="$LOCAL/bus-test"; port=${TEST_BUS_PORT:-4323}; flag=--test ;;
  *) die "usage: ensure-bus.sh dev|test" ;;
esac

command -v nats-server >/dev/null 2>&1 || [ -x /usr/sbin/nats-server ] || apt_install nats-server
bin=$(command -v nats-server || echo /usr/sbin/nats-server)

# (The first run has no configuration yet: the shell's own redirection error is silenced too.)
before=$({ cksum <"$dir/nats.conf"; } 2>/dev/null || true)
node -r @swc-node/register infra/bus.ts "$dir" "$port" $flag
"$bin" -t -c "$dir/nats.conf" >/dev/null 2>&1 || { "$bin" -t -c "$dir/nats.conf"; die "invalid bus configuration $dir/nats.conf"; }

if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null && port_open 127.0.0.1 "$port"; then
  # Only for a changed configuration: a reload resets every connection's response permissions, so
  # replies to requests in flight are refused (their callers time out: 503 after 10 s).
  if [ "$(cksum <"$dir/nats.conf")" != "$before" ]; then
    "$bin" --signal "reload=$(cat "$dir/pid")" >/dev/null 2>&1 || kill -HUP "$(cat "$dir/pid")"
  fi
else
  port_open 127.0.0.1 "$port" && die "port $port is taken by another process; set $( [ "$mode" = dev ] && echo BUS_PORT || echo TEST_BUS_PORT )"
  log "starting the project's NATS bus ($mode) on 127.0.0.1:$port"
  nohup "$bin" -c "$dir/nats.conf" -P "$dir/pid" -l "$dir/server.log" >/dev/null 2>&1 &
  wait_port 127.0.0.1 "$port" 20 || die "the bus did not come up on 127.0.0.1:$port (see $dir/server.log)"
fi
