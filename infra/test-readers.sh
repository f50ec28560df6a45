#!/usr/bin/env bash
# Installs the third-party readers the publisher's integration tests check snapshots with (Python `frictionless`)
# into a venv under ${ABEP_CACHE_DIR:-.cache}/test-readers. Idempotent: a second run only checks the install.
#   infra/test-readers.sh            install (if needed) and print the venv path
#   infra/test-readers.sh path       print the venv path only
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${ABEP_CACHE_DIR:-$root/.cache}
case "$cache" in /*) ;; *) cache="$root/$cache" ;; esac
venv="$cache/test-readers"
# Pinned so a re-run installs the same reader; bump deliberately.
frictionless_version=${ABEP_FRICTIONLESS_VERSION:-5.18.1}

if [ "${1:-}" = "path" ]; then echo "$venv"; exit 0; fi

if [ -x "$venv/bin/frictionless" ] && "$venv/bin/python" -c "import frictionless, fastparquet, sys; sys.exit(0 if frictionless.__version__ == '$frictionless_version' else 1)" 2>/dev/null; then
  echo "$venv"
  exit 0
fi

python=${PYTHON:-$(command -v python3 || true)}
if [ -z "$python" ]; then echo "test-readers: python3 is required" >&2; exit 1; fi
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)' || { echo "test-readers: python >= 3.8 required" >&2; exit 1; }

mkdir -p "$cache"
lock="$cache/test-readers.lock"
exec 9>"$lock"
flock 9
if [ ! -x "$venv/bin/python" ]; then "$python" -m venv "$venv" >&2; fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "frictionless[parquet]==$frictionless_version" >&2
"$venv/bin/frictionless" --version >&2
echo "$venv"
