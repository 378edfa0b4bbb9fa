#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter (Rasa 3.6 needs >=3.8,<3.11).
set -euo pipefail
for candidate in "$(command -v python3.10 || true)" \
                 "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] \
     && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    echo "$candidate"
    exit 0
  fi
done
cat >&2 <<'MSG'
Python 3.10 was not found (Rasa 3.6 does not run on 3.11 or newer).
Install it with one of:
  pyenv install 3.10.13              (if you use pyenv)
  sudo apt-get install python3.10 python3.10-venv   (Debian/Ubuntu with 3.10 packages)
then run make again.
MSG
exit 1
