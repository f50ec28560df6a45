# Source me: puts the project-local Node 24 and pnpm, and the workspace's binaries, first on PATH.
_abep_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$_abep_root/.tools/bin:$_abep_root/node_modules/.bin:$PATH"
unset _abep_root
