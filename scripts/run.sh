#!/usr/bin/env bash
# Start the action server (5055), the Rasa server (5005: REST + socket.io channels), the
# web page with the chat widget (8000) and the staff desk (8001, on 127.0.0.1 only).
# Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
MODEL=${MODEL:-models/current.tar.gz}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
WEB_PORT=${WEB_PORT:-8000}
DESK_PORT=${DESK_PORT:-8001}
# The site allowed to open the socket.io channel from a browser (connectors/socketio.py).
SITE_ORIGIN=${SITE_ORIGIN:-http://localhost:$WEB_PORT}
export SITE_ORIGINS=${SITE_ORIGINS:-$SITE_ORIGIN}
mkdir -p var
# One TensorFlow thread pool thread each: DIET's small matrices gain nothing from more, and
# the threads would compete with the other servers for the cores (docs/performance.md).
export TF_INTRA_OP_PARALLELISM_THREADS=${TF_INTRA_OP_PARALLELISM_THREADS:-1}
export TF_INTER_OP_PARALLELISM_THREADS=${TF_INTER_OP_PARALLELISM_THREADS:-1}

pids=()
stop() {
  trap - EXIT INT TERM
  [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

# rasa_sdk's server, started without TensorFlow (a third of the memory; scripts/action_server.py).
"$BIN/python" scripts/action_server.py --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
# Rasa's HTTP API (conversations, model, status) stays off unless RASA_API_TOKEN is set, and
# then every API call must carry that token (?token=...).
api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then
  [ ${#RASA_API_TOKEN} -ge 16 ] || { echo "RASA_API_TOKEN must be at least 16 characters" >&2; exit 2; }
  api=(--enable-api --auth-token "$RASA_API_TOKEN")
fi
"$BIN/python" scripts/rasa_server.py run --model "$MODEL" --port "$RASA_PORT" \
  --credentials credentials.yml --endpoints endpoints.yml --cors "$SITE_ORIGIN" "${api[@]}" &
pids+=($!)
"$BIN/python" -m web.app --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" &
pids+=($!)
# The staff desk: never on the public page's origin; bound to 127.0.0.1 unless DESK_HOST says otherwise.
"$BIN/python" -m desk --port "$DESK_PORT" &
pids+=($!)

echo "Starting: action server on :$ACTIONS_PORT, Rasa server on :$RASA_PORT (ready in about 30-40 s),"
echo "web page with the chat widget on http://localhost:$WEB_PORT, staff desk on http://127.0.0.1:$DESK_PORT"
"$BIN/python" -m desk.accounts list | grep -q "No staff accounts" && echo "(no staff account yet: make staff-user)"
echo "Try: curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\":\"a\",\"message\":\"how does pain affect sleep?\"}'"
echo "Press Ctrl-C to stop."
# When either server exits, stop the other too.
wait -n
