#!/usr/bin/env bash
# Staff testing: rasa shell in this terminal, with the action server beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
export ACTIONS_PORT="${ACTIONS_PORT:-5055}"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"  # the bot/ package: NLU components, tracker store
# the action server answers only calls with this token (actions/server.py)
if [ -z "${NEUVO_ACTIONS_TOKEN:-}" ]; then
  NEUVO_ACTIONS_TOKEN="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')"
fi
export NEUVO_ACTIONS_TOKEN
.venv/bin/python -m actions.server --port "$ACTIONS_PORT" >var/actions.log 2>&1 &
actions=$!
trap 'kill $actions 2>/dev/null || true' EXIT
.venv/bin/python -m bot.rasa_cli shell --model models/neuvo.tar.gz --endpoints endpoints.yml "$@"
