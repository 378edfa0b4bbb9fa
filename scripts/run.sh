#!/usr/bin/env bash
# Start the action server, the Rasa server and the chat widget's static server
# (widget + demo partner page); Ctrl-C stops them all.
#
# NEUVO_PROFILE=prod keeps conversations in PostgreSQL and conversation locks in
# Redis (endpoints.prod.yml), so several Rasa servers can share them. A further
# Rasa server (a replica) sets NEUVO_ACTIONS_URL to the shared action server and
# NEUVO_WIDGET=off, and then starts Rasa alone.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
# Rasa imports the model's components (bot/) and the lock store (scaleout/) by module path.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# Settings and secrets (tokens) come from .env, never from committed files;
# a variable already set in the environment wins over .env. NEUVO_ENV_FILE
# names another file; set but empty, none is read (the tests' servers).
env_file="${NEUVO_ENV_FILE-.env}"
if [ -n "$env_file" ] && [ -f "$env_file" ]; then
  while IFS='=' read -r key value; do
    [[ $key =~ ^[A-Z_][A-Z0-9_]*$ ]] && [ -z "${!key+x}" ] && export "$key=$value"
  done < "$env_file"
fi
RASA_PORT="${RASA_PORT:-5005}"
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"
RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"
WIDGET_PORT="${WIDGET_PORT:-8080}"
# Web pages from these origins may open the widget's socket.io connection
# (bot/channels/socketio.py); by default the widget demo page's own.
if [ -z "${NEUVO_ALLOWED_ORIGINS:-}" ]; then
  NEUVO_ALLOWED_ORIGINS="http://127.0.0.1:$WIDGET_PORT,http://localhost:$WIDGET_PORT"
  case "$RASA_INTERFACE" in
    127.0.0.1|localhost) ;;
    *) NEUVO_ALLOWED_ORIGINS="$NEUVO_ALLOWED_ORIGINS,http://$RASA_INTERFACE:$WIDGET_PORT" ;;
  esac
fi
export NEUVO_ALLOWED_ORIGINS

start_widget=true
[ "${NEUVO_WIDGET:-on}" != off ] || start_widget=false
# An action server elsewhere (NEUVO_ACTIONS_URL) means none is started here.
start_actions=true
[ -z "${NEUVO_ACTIONS_URL:-}" ] || start_actions=false
export NEUVO_ACTIONS_URL="${NEUVO_ACTIONS_URL:-http://localhost:$ACTIONS_PORT/webhook}"

case "${NEUVO_PROFILE:-embedded}" in
  embedded)
    # endpoints.yml always calls the local action server (ACTIONS_PORT); a Rasa
    # server without one is a replica, and replicas need the shared stores.
    if ! $start_actions; then
      echo "NEUVO_ACTIONS_URL is for replicas: set NEUVO_PROFILE=prod too" >&2
      exit 2
    fi
    RASA_ENDPOINTS="${RASA_ENDPOINTS:-endpoints.yml}"
    ;;
  prod)
    RASA_ENDPOINTS="${RASA_ENDPOINTS:-endpoints.prod.yml}"
    # Rasa stops with a traceback at the first unset ${VAR} of the endpoints file,
    # after loading the model: name every missing one now (see .env.example).
    # Empty is allowed (e.g. no Redis password).
    missing=()
    for var in DB_HOST DB_PORT DB_DATABASE DB_USER DB_PASSWORD \
               REDIS_HOST REDIS_PORT REDIS_DB REDIS_PASSWORD REDIS_KEY_PREFIX; do
      [ -n "${!var+x}" ] || missing+=("$var")
    done
    # Every action server must write call-back requests to the one shared queue.
    if $start_actions && [[ ! ${NEUVO_CALLBACK_DB_URL:-} =~ ^postgresql ]]; then
      missing+=("NEUVO_CALLBACK_DB_URL=postgresql+psycopg2://...")
    fi
    # Replicas share one action server, so they must share its token too.
    [ -n "${NEUVO_ACTIONS_TOKEN:-}" ] || missing+=("NEUVO_ACTIONS_TOKEN (non-empty, the same everywhere)")
    if [ ${#missing[@]} -gt 0 ]; then
      echo "NEUVO_PROFILE=prod needs these in .env or the environment: ${missing[*]}" >&2
      exit 2
    fi
    ;;
  *)
    echo "NEUVO_PROFILE is embedded (the default) or prod, not '$NEUVO_PROFILE'" >&2
    exit 2
    ;;
esac

# Telegram and the Jodel-style board join REST and socket.io only when their
# secret (TELEGRAM_TOKEN / JODEL_SECRET) is set: see bot/channels/credentials.py.
# The generated file is named by port, so two servers side by side do not share it.
if [ -z "${RASA_CREDENTIALS:-}" ]; then
  generated="var/credentials-$RASA_PORT.yml"
  RASA_CREDENTIALS="$(.venv/bin/python -m bot.channels.credentials "$generated")"
fi

# The action server answers only calls that carry this token (actions/server.py).
# Without one in .env, a new one for this start: the servers below share it.
if [ -z "${NEUVO_ACTIONS_TOKEN:-}" ]; then
  NEUVO_ACTIONS_TOKEN="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')"
fi
export NEUVO_ACTIONS_TOKEN

pids=()
stop() {
  kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true
  [ -z "${generated:-}" ] || rm -f "$generated"
}
trap stop EXIT
trap 'exit 130' INT TERM

# Each server writes to its own log file (its warnings too), so the terminal
# shows what to open, not pages of library warnings. NEUVO_LOG_DIR: another folder.
log_dir="${NEUVO_LOG_DIR:-var/log}"
mkdir -p "$log_dir"
logs=()
if $start_actions; then
  .venv/bin/python -m actions.server --port "$ACTIONS_PORT" >>"$log_dir/actions.log" 2>&1 &
  pids+=($!); logs+=("$log_dir/actions.log")
fi
.venv/bin/python -m bot.rasa_cli run --model models/neuvo.tar.gz --endpoints "$RASA_ENDPOINTS" \
    --credentials "$RASA_CREDENTIALS" --interface "$RASA_INTERFACE" --port "$RASA_PORT" \
    >>"$log_dir/rasa.log" 2>&1 &
pids+=($!); logs+=("$log_dir/rasa.log")
# The widget's demo page asks Rasa (on RASA_PORT) for its socket.io channel.
if $start_widget; then
  .venv/bin/python bot/widget/serve.py --host "$RASA_INTERFACE" --port "$WIDGET_PORT" \
      --rasa-port "$RASA_PORT" >>"$log_dir/widget.log" 2>&1 &
  pids+=($!); logs+=("$log_dir/widget.log")
fi
echo "Starting Neuvo (loading the model takes a minute); logs in $log_dir/"
# what a server said last, when it died
last_words() {
  for log in "${logs[@]}"; do
    echo "--- the end of $log:" >&2
    tail -n 15 "$log" >&2
  done
}

base="http://$RASA_INTERFACE:$RASA_PORT"
# Wait for Rasa (the model takes a while to load), but not for a server that
# has died: then say so and fail, never "Neuvo is running".
up() { .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null; }
for _ in $(seq 300); do
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      last_words
      echo "A Neuvo server stopped while starting (its log is above): not running." >&2
      exit 1
    fi
  done
  up "$base/" && break
  sleep 1
done
up "$base/" || { last_words; echo "Rasa did not answer at $base/ within 5 minutes: not running." >&2; exit 1; }
widget_line="" actions_note=""
$start_actions || actions_note=" (shared, not started here)"
if $start_widget; then
  widget_line="  Widget:    http://$RASA_INTERFACE:$WIDGET_PORT/demo/ (a partner page with the chat widget)
"
fi
cat <<MSG

Neuvo is running (profile ${NEUVO_PROFILE:-embedded}, $RASA_ENDPOINTS).
  REST:      curl -s -X POST $base/webhooks/rest/webhook \\
               -H 'Content-Type: application/json' -d '{"sender": "me", "message": "hei"}'
  socket.io: $base/socket.io (the web widget's channel)
${widget_line}  Actions:   $NEUVO_ACTIONS_URL$actions_note
${TELEGRAM_TOKEN:+  Telegram:  $base/webhooks/telegram/webhook (Telegram calls it at TELEGRAM_WEBHOOK_URL)
}${JODEL_SECRET:+  Jodel:     $base/webhooks/jodel/webhook (signed posts; replies go to JODEL_API_URL)
}  Logs:      $log_dir/ (rasa.log, actions.log${widget_line:+, widget.log})
Press Ctrl-C to stop all servers.

MSG
# Until one server stops (Ctrl-C, or a crash): then stop the others and fail.
status=0
wait -n || status=$?
last_words
echo "A Neuvo server stopped (exit status $status): stopping the others." >&2
exit $(( status == 0 ? 1 : status ))
