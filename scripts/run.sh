#!/usr/bin/env bash
# Start the action server and the Rasa server; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
# Settings and secrets (tokens) come from .env, never from committed files;
# a variable already set in the environment wins over .env.
if [ -f .env ]; then
  while IFS='=' read -r key value; do
    [[ $key =~ ^[A-Z_][A-Z0-9_]*$ ]] && [ -z "${!key+x}" ] && export "$key=$value"
  done < .env
fi
RASA_PORT="${RASA_PORT:-5005}"
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"
RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"
RASA_CREDENTIALS="${RASA_CREDENTIALS:-credentials.yml}"
RASA_ENDPOINTS="${RASA_ENDPOINTS:-endpoints.yml}"

pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT
trap 'exit 130' INT TERM

.venv/bin/rasa run actions --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
.venv/bin/rasa run --model models/neuvo.tar.gz --endpoints "$RASA_ENDPOINTS" \
    --credentials "$RASA_CREDENTIALS" --interface "$RASA_INTERFACE" --port "$RASA_PORT" &
pids+=($!)

base="http://$RASA_INTERFACE:$RASA_PORT"
.venv/bin/python - "$base/" <<'PY'
import sys, time, urllib.request
for _ in range(300):  # the model takes a while to load
    try:
        urllib.request.urlopen(sys.argv[1], timeout=2)
        break
    except OSError:
        time.sleep(1)
PY
cat <<MSG

Neuvo is running.
  REST:      curl -s -X POST $base/webhooks/rest/webhook \\
               -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hei"}'
  socket.io: $base/socket.io (the web widget's channel)
  Actions:   http://127.0.0.1:$ACTIONS_PORT/webhook
Press Ctrl-C to stop both servers.

MSG
wait -n
