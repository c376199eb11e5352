#!/usr/bin/env bash
# Start the action server (5055), the Rasa server (5005: REST + socket.io channels), the
# web page with the chat widget (8000) and the staff desk (8001, on 127.0.0.1 only), through
# supervisord (deploy/run.conf): it restarts a server that crashes. "Ready" is printed once
# every server answers. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s.%N)
BIN=.venv/bin
export MODEL=${MODEL:-models/current.tar.gz}
export ACTIONS_PORT=${ACTIONS_PORT:-5055}
export RASA_PORT=${RASA_PORT:-5005}
export WEB_PORT=${WEB_PORT:-8000}
export DESK_PORT=${DESK_PORT:-8001}
# The site allowed to open the socket.io channel from a browser (connectors/socketio.py).
export SITE_ORIGIN=${SITE_ORIGIN:-http://localhost:$WEB_PORT}
export SITE_ORIGINS=${SITE_ORIGINS:-$SITE_ORIGIN}
mkdir -p var/logs var/supervisor
# endpoints.yml names the action server at localhost:5055. On another ACTIONS_PORT the Rasa server
# gets a copy that names that port (without it, every message got the apology).
export ENDPOINTS=endpoints.yml
if [ "$ACTIONS_PORT" != 5055 ]; then
  ENDPOINTS=var/endpoints.yml
  sed "s#//localhost:5055/#//localhost:$ACTIONS_PORT/#" endpoints.yml > "$ENDPOINTS"
  grep -q "//localhost:$ACTIONS_PORT/" "$ENDPOINTS" || {
    echo "endpoints.yml's action_endpoint is not http://localhost:5055/webhook: run on ACTIONS_PORT=5055 or edit it" >&2
    exit 2
  }
fi
# One TensorFlow thread pool thread each: DIET's small matrices gain nothing from more, and
# the threads would compete with the other servers for the cores (docs/performance.md).
export TF_INTRA_OP_PARALLELISM_THREADS=${TF_INTRA_OP_PARALLELISM_THREADS:-1}
export TF_INTER_OP_PARALLELISM_THREADS=${TF_INTER_OP_PARALLELISM_THREADS:-1}
export PYTHONUNBUFFERED=1  # the servers' output reaches their logs as it is written

# Rasa's HTTP API (conversations, model, status) stays off unless RASA_API_TOKEN is set, and
# then every API call must carry that token (?token=...).
RASA_API_ARGS=
if [ -n "${RASA_API_TOKEN:-}" ]; then
  [ ${#RASA_API_TOKEN} -ge 16 ] || { echo "RASA_API_TOKEN must be at least 16 characters" >&2; exit 2; }
  RASA_API_ARGS="--enable-api --auth-token $(printf '%q' "$RASA_API_TOKEN")"  # split by supervisord as a shell would
fi
export RASA_API_ARGS

# A port already taken (the assistant running in another terminal?) is said now, not after
# the servers failed one by one.
for port in "$ACTIONS_PORT" "$RASA_PORT" "$WEB_PORT" "$DESK_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use: is the assistant already running? (.venv/bin/supervisorctl -c deploy/run.conf status)" >&2
    exit 1
  fi
done

supervisord=
waiter=
tail_pid=
stop() {
  trap - EXIT
  for helper in "$waiter" "$tail_pid"; do [ -n "$helper" ] && kill "$helper" 2>/dev/null || true; done
  if [ -n "$supervisord" ]; then
    echo "Stopping..."
    kill -TERM "$supervisord" 2>/dev/null || true
    wait "$supervisord" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 0' INT  # Ctrl-C: the way to stop it
trap 'exit 143' TERM
trap 'exit 129' HUP

# supervisord stops itself (and every server) if this script is gone without stopping it.
OWNER_PID=$$ "$BIN/supervisord" -c deploy/run.conf &
supervisord=$!
echo "Starting: action server on :$ACTIONS_PORT, Rasa server on :$RASA_PORT, web page on :$WEB_PORT,"
echo "staff desk on 127.0.0.1:$DESK_PORT (logs in var/logs/)..."
desk_host=${DESK_HOST:-127.0.0.1}
[ "$desk_host" = 0.0.0.0 ] && desk_host=127.0.0.1
# In the background, so that a signal to this script is handled at once (bash runs a trap only
# after the command in the foreground has ended).
"$BIN/python" -m deploy.processes wait --socket var/supervisor/supervisor.sock --since "$started" \
  "assistant:actions=http://localhost:$ACTIONS_PORT/health" "assistant:rasa=http://localhost:$RASA_PORT/" \
  "assistant:web=http://localhost:$WEB_PORT/health" "assistant:desk=http://$desk_host:$DESK_PORT/health" &
waiter=$!
wait "$waiter" || exit 1
waiter=

echo "Ready: web page with the chat widget on http://localhost:$WEB_PORT, staff desk on http://127.0.0.1:$DESK_PORT"
"$BIN/python" -m desk.accounts list | grep -q "No staff accounts" && echo "(no staff account yet: make staff-user)"
echo "Try: curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\":\"a\",\"message\":\"how does pain affect sleep?\"}'"
echo "Press Ctrl-C to stop. The servers' logs follow, each line after its server's name (also in var/logs/)."
# tail names each file before its lines ("==> var/logs/rasa.log <=="): awk puts the name on each line instead.
tail -n 0 -F var/logs/actions.log var/logs/rasa.log var/logs/web.log var/logs/desk.log var/logs/supervisord.log \
  > >(awk '/^==> .* <==$/ { name = $2; sub(/.*\//, "", name); sub(/\.log$/, "", name); next }
           NF { print name " | " $0; fflush() }') &
tail_pid=$!
# Until Ctrl-C, or until supervisord stops.
wait "$supervisord" || true
