#!/usr/bin/env bash
# Creates every catalogue topic (idempotent). Usage: infra/create-topics.sh [host:port[,host:port…]]
# Called by infra/kafka.sh at the end of `start`. Honours ABEP_KAFKA_TOPIC_PREFIX and ABEP_KAFKA_REPLICATION_FACTOR.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=env.sh
source "$here/env.sh"
exec node "$here/create-topics.ts" "$@"
