#!/usr/bin/env bash
# Start the action server and the Rasa server; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
RASA_PORT="${RASA_PORT:-5005}"
ACTIONS_PORT="${ACTIONS_PORT:-5055}"
RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

.venv/bin/rasa run actions --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
.venv/bin/rasa run --model models/neuvo.tar.gz --endpoints endpoints.yml \
    --credentials credentials.yml --interface "$RASA_INTERFACE" --port "$RASA_PORT" &
pids+=($!)

base="http://$RASA_INTERFACE:$RASA_PORT"
for _ in $(seq 1 180); do
  curl -sf "$base/" >/dev/null 2>&1 && break
  sleep 1
done
cat <<MSG

Neuvo is running.
  REST:      curl -s -X POST $base/webhooks/rest/webhook \\
               -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hei"}'
  socket.io: $base/socket.io (the web widget's channel)
  Actions:   http://127.0.0.1:$ACTIONS_PORT/webhook
Press Ctrl-C to stop both servers.

MSG
wait -n
