#!/usr/bin/env bash
# Debian packages Neuvo needs: the Finnish spaCy pipeline's lemmatizer calls
# libvoikko, which needs the Finnish morphology (voikko-fi); the chat widget's
# socket.io client comes with npm (nodejs), and its browser tests drive
# Debian's chromium (Playwright's own browser download is not used); the
# reverse proxy example (deploy/nginx/neuvo.conf) is tested with Debian's nginx.
set -euo pipefail
missing=()
for pkg in libvoikko1 voikko-fi chromium nodejs nginx-light; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Debian's nodejs comes without npm (NodeSource's has it built in)
command -v npm >/dev/null || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} with apt-get"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
