#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/e2e/map-browser.int.test.ts, driven by playwright-core, which
# never downloads a browser of its own). Idempotent: does nothing when $ABEP_CHROMIUM (/usr/bin/chromium) runs.
set -euo pipefail
chromium=${ABEP_CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ] && "$chromium" --version >/dev/null 2>&1; then
  echo "chromium: $("$chromium" --version 2>/dev/null | head -1)"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo -n); else
  echo "chromium: error: $chromium missing and not root (install Debian's chromium package)" >&2
  exit 1
fi
command -v apt-get >/dev/null || {
  echo "chromium: error: $chromium missing and no apt-get (install a Chromium and set ABEP_CHROMIUM)" >&2
  exit 1
}
echo "chromium: installing Debian's chromium package"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q >/dev/null
"${sudo[@]}" apt-get install -y -q --no-install-recommends chromium >/dev/null
"$chromium" --version >/dev/null 2>&1 || {
  echo "chromium: error: installed, but $chromium does not run" >&2
  exit 1
}
echo "chromium: installed $("$chromium" --version 2>/dev/null | head -1)"
