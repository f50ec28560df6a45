#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs Node 24 + dependencies, starts the real Kafka broker and
# S3 server on loopback, typechecks, runs every package's tests, and prints one closing summary line.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash infra/install-node.sh
# shellcheck source=infra/env.sh
source infra/env.sh
pnpm install --frozen-lockfile --reporter=append-only

started=()
cleanup() {
  for svc in "${started[@]}"; do bash "infra/$svc.sh" stop || true; done
}
trap cleanup EXIT
for svc in kafka s3; do
  if ! bash "infra/$svc.sh" status >/dev/null 2>&1; then
    bash "infra/$svc.sh" install
    bash "infra/$svc.sh" start
    started+=("$svc")
  fi
done
export ABEP_TEST_KAFKA_BROKERS="127.0.0.1:${ABEP_KAFKA_PORT:-19092}"
export ABEP_TEST_S3_ENDPOINT="http://127.0.0.1:${ABEP_S3_PORT:-19000}"
# A server that ignores If-None-Match / If-Match would make every conditional-write test meaningless.
bash infra/s3.sh check
# Debian's Chromium for the map's browser test (playwright-core drives it; it never downloads a browser).
bash infra/install-chromium.sh
# Readers this project did not write (frictionless) to check published snapshots.
[ -x infra/test-readers.sh ] && bash infra/test-readers.sh

pnpm lint
# Deployment files (compose, Kubernetes, Dockerfile) are validated statically: no container engine here.
bash infra/deploy-check.sh
pnpm typecheck
find . -name .vitest-report.json -not -path '*/node_modules/*' -delete
status=0
pnpm test -- --reporter=default --reporter=json --outputFile.json=.vitest-report.json || status=$?
# Extraction quality on the labelled real pages (../shared/real-pages): exit 1 when a figure falls below the floor
# kept in infra/eval-floor.json (the floor only moves up). The full report goes to .data/eval-report.json.
pnpm exec abep eval --labels "${ABEP_REAL_PAGES_DIR:-../shared/real-pages}" --floor infra/eval-floor.json \
  --out .data/eval-report.json || status=$?
node infra/test-summary.ts
exit "$status"
