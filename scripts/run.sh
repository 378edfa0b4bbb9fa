#!/usr/bin/env bash
# Start the action server, the Rasa server and the chat widget's static server
# (widget + demo partner page); Ctrl-C stops them all.
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
# Telegram and the Jodel-style board join REST and socket.io only when their
# secret (TELEGRAM_TOKEN / JODEL_SECRET) is set: see bot/channels/credentials.py.
# The generated file is named by port, so two servers side by side do not share it.
if [ -z "${RASA_CREDENTIALS:-}" ]; then
  generated="var/credentials-$RASA_PORT.yml"
  RASA_CREDENTIALS="$(.venv/bin/python -m bot.channels.credentials "$generated")"
fi
RASA_ENDPOINTS="${RASA_ENDPOINTS:-endpoints.yml}"
WIDGET_PORT="${WIDGET_PORT:-8080}"

pids=()
stop() {
  kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true
  [ -z "${generated:-}" ] || rm -f "$generated"
}
trap stop EXIT
trap 'exit 130' INT TERM

.venv/bin/rasa run actions --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
.venv/bin/rasa run --model models/neuvo.tar.gz --endpoints "$RASA_ENDPOINTS" \
    --credentials "$RASA_CREDENTIALS" --interface "$RASA_INTERFACE" --port "$RASA_PORT" &
pids+=($!)
# The widget's demo page asks Rasa (on RASA_PORT) for its socket.io channel.
.venv/bin/python bot/widget/serve.py --host "$RASA_INTERFACE" --port "$WIDGET_PORT" \
    --rasa-port "$RASA_PORT" &
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
  Widget:    http://$RASA_INTERFACE:$WIDGET_PORT/demo/ (a partner page with the chat widget)
  Actions:   http://127.0.0.1:$ACTIONS_PORT/webhook
${TELEGRAM_TOKEN:+  Telegram:  $base/webhooks/telegram/webhook (Telegram calls it at TELEGRAM_WEBHOOK_URL)
}${JODEL_SECRET:+  Jodel:     $base/webhooks/jodel/webhook (signed posts; replies go to JODEL_API_URL)
}Press Ctrl-C to stop all servers.

MSG
wait -n
