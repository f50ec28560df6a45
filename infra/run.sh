#!/usr/bin/env bash
# The main job on a fresh machine: installs Node 24 + pnpm (project-local) and the workspace, then runs
# `abep run` with the arguments given. Embedded by default (in-process bus, directory store under .data/store);
# set ABEP_KAFKA_BROKERS / ABEP_S3_* to run against Kafka and S3.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
bash infra/install-node.sh >&2
# shellcheck source=infra/env.sh
source infra/env.sh
pnpm install --frozen-lockfile --reporter=silent >&2
exec abep run "$@"
