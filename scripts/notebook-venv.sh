#!/usr/bin/env bash
# Creates (or refreshes) the notebook environment .venv-nb from Notebooks/requirements.txt.
# Re-installs only when requirements.txt changed since the last install. Prints the venv path.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${NB_VENV:-$root/.venv-nb}
req=$root/Notebooks/requirements.txt
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  echo "notebook-venv: installing Notebooks/requirements.txt into $venv" >&2
  python=$(command -v python3)
  "$python" -m venv "$venv" >&2 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq python3-venv >/dev/null && "$python" -m venv "$venv" >&2; }
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$req" >&2
  echo "$want" > "$venv/.requirements.sha256"
fi
echo "$venv"
