#!/usr/bin/env bash
# dockerd.sh start|stop|status: a Docker engine for BatchKit's containers, kept on this machine's loopback.
#
# `start` starts dockerd only when no engine answers on the socket, and records the pid of the one it started in
# .batchkit/dockerd.pid; `stop` stops that dockerd, by that pid, and nothing else (an engine someone else started is
# left alone). The engine gets no bridge, no iptables rules, no IP forwarding or masquerading and no TCP listener:
# containers use host networking only, so every byte stays on 127.0.0.1 (../shared/docs/ENVIRONMENT.md).
set -euo pipefail
cd "$(dirname "$0")/.."

SOCKET=${BATCHKIT_DOCKER_SOCKET:-/var/run/docker.sock}
STATE_DIR=.batchkit
PID_FILE=$STATE_DIR/dockerd.pid
LOG_FILE=$STATE_DIR/dockerd.log
START_DEADLINE_S=60
STOP_GRACE_S=20

answers() { timeout 5 docker -H "unix://$SOCKET" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

# The pid in the file is ours only while that process is still a dockerd (a stale file may name a reused pid).
our_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q '^dockerd ' || return 1
  echo "$pid"
}

start() {
  if answers; then
    if pid=$(our_pid); then echo "dockerd: running (pid $pid, started by this script)"
    else echo "dockerd: an engine already answers on $SOCKET; using it (this script will not stop it)"; fi
    return 0
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "dockerd: no Docker engine installed; run scripts/bootstrap.sh (it installs Debian's docker.io)" >&2
    return 1
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "dockerd: no engine answers on $SOCKET and starting one needs root" >&2
    return 1
  fi
  mkdir -p "$STATE_DIR"
  rm -f "$PID_FILE"
  # setsid: the engine outlives this shell (make and CI call the script, then go on), in a session of its own.
  setsid dockerd --host "unix://$SOCKET" --bridge=none --iptables=false --ip6tables=false --ip-forward=false \
    --ip-masq=false --userland-proxy=false --log-level=warn >"$LOG_FILE" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$PID_FILE"
  local deadline=$((SECONDS + START_DEADLINE_S))
  until answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "dockerd: the engine exited while starting; the end of $LOG_FILE:" >&2
      tail -n 20 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "dockerd: no answer on $SOCKET within ${START_DEADLINE_S}s; stopping it. The end of $LOG_FILE:" >&2
      tail -n 20 "$LOG_FILE" >&2
      stop
      return 1
    fi
    sleep 0.2
  done
  echo "dockerd: started (pid $pid, socket $SOCKET, log $LOG_FILE)"
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$PID_FILE"
    echo "dockerd: none started by this script is running"
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + STOP_GRACE_S))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "dockerd: pid $pid did not stop within ${STOP_GRACE_S}s of SIGTERM; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "dockerd: stopped (pid $pid)"
}

status() {
  if answers; then
    if pid=$(our_pid); then echo "dockerd: running (pid $pid, started by this script)"
    else echo "dockerd: an engine answers on $SOCKET (not started by this script)"; fi
  else
    echo "dockerd: no engine answers on $SOCKET"
    return 1
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: scripts/dockerd.sh start|stop|status" >&2; exit 2 ;;
esac
