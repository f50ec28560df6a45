#!/usr/bin/env bash
# Local S3-compatible server for development and CI: versitygw (POSIX backend), on loopback only.
# It enforces conditional writes (PutObject If-None-Match: * / If-Match: <etag> -> 412), which the
# object store relies on; `check` proves it against the running server.
#
# Usage: infra/s3.sh install|start|stop|status|reset|endpoint|env|check|public-read [bucket] [key-prefix]
#   install   build versitygw $VERSITYGW_VERSION from the Go module proxy into $ABEP_CACHE_DIR/s3 (idempotent)
#   start     install if needed, start in the background, wait until it answers S3, create the buckets (idempotent)
#   stop      SIGTERM, wait, SIGKILL
#   status    exit 0 and print "s3: running at <url>" when the server answers signed S3 requests
#   reset     stop and wipe the data dir
#   endpoint  print the endpoint URL
#   env       print `export` lines for the ABEP_S3_* variables (eval "$(infra/s3.sh env)")
#   check     run infra/s3/check-conditional-writes.py against the running server (non-zero if not enforced)
#   public-read  let anyone GET the published register, and nothing else: a bucket policy allowing anonymous
#             s3:GetObject on <bucket>/<key-prefix>* (default: $ABEP_S3_BUCKET, ${ABEP_S3_PREFIX}${ABEP_PUBLISHER_PREFIX:-register}/)
#             and CORS rules (GET/HEAD from any origin); idempotent. Works on any S3-compatible http endpoint.
#
# Environment:
#   ABEP_CACHE_DIR (<repo>/.cache)  ABEP_DATA_DIR (<repo>/.data)  ABEP_S3_PORT (19000)
#   ABEP_S3_ACCESS_KEY_ID (abeplocal)  ABEP_S3_SECRET_ACCESS_KEY (abeplocalsecret)
#   ABEP_S3_BUCKET (abep-register)  ABEP_S3_REGION (us-east-1)  ABEP_GO (go on PATH, else /usr/local/go/bin/go)
set -euo pipefail

VERSITYGW_MODULE=github.com/versity/versitygw
VERSITYGW_VERSION=v1.8.0

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
here="$root/infra/s3"
cache=$(realpath -m "${ABEP_CACHE_DIR:-$root/.cache}/s3")
data=$(realpath -m "${ABEP_DATA_DIR:-$root/.data}/s3")
objroot="$data/root"     # posix backend top dir: each sub-directory is a bucket
run="$data/run"
pidfile="$run/versitygw.pid"
logfile="$run/versitygw.log"
lockfile="$(dirname "$data")/.s3.lock"
bin="$cache/bin/versitygw"

port="${ABEP_S3_PORT:-19000}"
host=127.0.0.1
endpoint="http://$host:$port"
region="${ABEP_S3_REGION:-us-east-1}"
bucket="${ABEP_S3_BUCKET:-abep-register}"
export ABEP_S3_ENDPOINT="$endpoint"
export ABEP_S3_ACCESS_KEY_ID="${ABEP_S3_ACCESS_KEY_ID:-abeplocal}"
export ABEP_S3_SECRET_ACCESS_KEY="${ABEP_S3_SECRET_ACCESS_KEY:-abeplocalsecret}"
export ABEP_S3_REGION="$region"

ready_timeout=60
stop_timeout=15

log() { echo "s3: $*" >&2; }
die() {
  echo "s3: error: $*" >&2
  exit 1
}

python() {
  local py
  py=$(command -v python3 || true)
  [ -n "$py" ] || die "python3 not found (needed for the SigV4 client in infra/s3/)"
  "$py" "$@"
}

# Serialize start/stop/reset/install across concurrent callers (e.g. parallel test packages).
with_lock() {
  mkdir -p "$(dirname "$lockfile")"
  exec 9>"$lockfile"
  flock -w 300 9 || die "timed out waiting for $lockfile"
  "$@"
}

installed() {
  local v
  [ -x "$bin" ] || return 1
  v=$("$bin" --version 2>/dev/null || true) # no pipe into grep -q: SIGPIPE + pipefail
  [ "$(sed -n 's/^Version *: *//p' <<<"$v")" = "$VERSITYGW_VERSION" ]
}

do_install() {
  if installed; then
    return 0
  fi
  local go=${ABEP_GO:-}
  if [ -z "$go" ]; then
    go=$(command -v go || true)
    [ -n "$go" ] || go=/usr/local/go/bin/go
  fi
  [ -x "$go" ] || command -v "$go" >/dev/null || die "Go toolchain not found (set ABEP_GO)"
  log "building versitygw $VERSITYGW_VERSION with $("$go" version) (cold build takes ~2 min on 2 cores)"
  mkdir -p "$cache"
  local t0=$SECONDS
  # Everything Go writes stays under $cache; -modcacherw so `rm -rf .cache` works.
  env GOPATH="$cache/gopath" GOBIN="$cache/bin" GOMODCACHE="$cache/gomodcache" GOCACHE="$cache/gocache" \
    GOFLAGS=-modcacherw GOTOOLCHAIN=local CGO_ENABLED=0 \
    "$go" install -trimpath \
    -ldflags "-s -w -X=main.Version=$VERSITYGW_VERSION -X=main.Build=goproxy -X=main.BuildTime=none" \
    "$VERSITYGW_MODULE/cmd/versitygw@$VERSITYGW_VERSION" ||
    die "go install $VERSITYGW_MODULE/cmd/versitygw@$VERSITYGW_VERSION failed"
  installed || die "built $bin but it does not report version $VERSITYGW_VERSION"
  log "installed versitygw $VERSITYGW_VERSION at $bin ($((SECONDS - t0)) s)"
}

# pid of our server if it is running, else nothing.
running_pid() {
  local pid exe
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null || true)
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  [ "${exe% (deleted)}" = "$bin" ] || return 1
  echo "$pid"
}

ping_s3() { python "$here/s3client.py" ping 2>/dev/null; }

port_in_use() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

log_tail() {
  if [ -f "$logfile" ]; then
    echo "----- last lines of $logfile -----" >&2
    tail -n 40 "$logfile" >&2
    echo "-----" >&2
  fi
}

ensure_buckets() {
  local b out
  for b in "$bucket" abep-test; do
    out=$(python "$here/s3client.py" ensure-bucket "$b" 2>&1) || {
      echo "$out" >&2
      die "could not create bucket $b"
    }
    case "$out" in *created*) log "created bucket $b" ;; esac
  done
}

do_start() {
  local pid
  if pid=$(running_pid); then
    ping_s3 || {
      log_tail
      die "versitygw (pid $pid) is running but does not answer signed requests at $endpoint (other port/credentials? try: infra/s3.sh stop)"
    }
    ensure_buckets
    log "already running at $endpoint (pid $pid)"
    return 0
  fi
  do_install
  if port_in_use; then
    die "port $port on $host is already in use by another process (not ours: no live pid in $pidfile); set ABEP_S3_PORT or stop it"
  fi
  mkdir -p "$objroot" "$run"
  rm -f "$pidfile"
  # The posix backend keeps ETags and metadata in user.* extended attributes; fail early and clearly.
  python -c 'import os, sys; p = os.path.join(sys.argv[1], ".xattr-probe"); open(p, "w").close(); os.setxattr(p, "user.abep", b"1"); os.remove(p)' "$objroot" 2>/dev/null ||
    die "$objroot is on a filesystem without user extended attributes, which versitygw's posix backend needs (set ABEP_DATA_DIR elsewhere)"
  printf '\n=== %s starting versitygw %s on %s, data %s\n' "$(date -u +%FT%TZ)" "$VERSITYGW_VERSION" "$endpoint" "$objroot" >>"$logfile"
  # Credentials go in through the environment (not argv, so they don't show in ps).
  # --quiet: no per-request log lines. setsid: own session, so it outlives the calling shell and its job
  # control. Every inherited fd above 2 is closed first (our lock fd 9, and any pipe of a caller such as
  # `infra/s3.sh start | tee`, which would otherwise never see EOF while the server runs).
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    export ROOT_ACCESS_KEY_ID="$ABEP_S3_ACCESS_KEY_ID" ROOT_SECRET_ACCESS_KEY="$ABEP_S3_SECRET_ACCESS_KEY"
    exec setsid "$bin" --port "$host:$port" --region "$region" --quiet posix "$objroot"
  ) </dev/null >>"$logfile" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  local t0=$SECONDS deadline=$((SECONDS + ready_timeout))
  until ping_s3; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      log_tail
      die "versitygw exited during startup (see $logfile)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log_tail
      kill -TERM "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      die "versitygw did not answer at $endpoint within ${ready_timeout}s"
    fi
    sleep 0.2
  done
  ensure_buckets
  log "started versitygw $VERSITYGW_VERSION at $endpoint (pid $pid, ready in $((SECONDS - t0)) s, data $objroot, log $logfile)"
}

do_stop() {
  local pid i
  if ! pid=$(running_pid); then
    rm -f "$pidfile"
    log "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < stop_timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "pid $pid still alive after ${stop_timeout}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$pidfile"
  log "stopped (pid $pid)"
}

do_status() {
  local pid
  if ! pid=$(running_pid); then
    echo "s3: not running"
    return 1
  fi
  if ping_s3; then
    echo "s3: running at $endpoint"
    return 0
  fi
  echo "s3: process $pid is up but does not answer signed S3 requests at $endpoint"
  return 1
}

do_reset() {
  do_stop
  rm -rf "$data"
  log "wiped $data"
}

do_env() {
  cat <<EOF
export ABEP_S3_ENDPOINT=$endpoint
export ABEP_S3_ACCESS_KEY_ID=$ABEP_S3_ACCESS_KEY_ID
export ABEP_S3_SECRET_ACCESS_KEY=$ABEP_S3_SECRET_ACCESS_KEY
export ABEP_S3_REGION=$region
export ABEP_S3_BUCKET=$bucket
EOF
}

do_check() {
  ping_s3 || die "no S3 server answering at $endpoint (run: infra/s3.sh start)"
  python "$here/check-conditional-writes.py"
}

cmd=${1:-}
case "$cmd" in
install) with_lock do_install ;;
start) with_lock do_start ;;
stop) with_lock do_stop ;;
status) do_status ;;
reset) with_lock do_reset ;;
endpoint) echo "$endpoint" ;;
env) do_env ;;
check) do_check ;;
public-read)
  ping_s3 || die "no S3 server answering at $endpoint (run: infra/s3.sh start)"
  python "$here/s3client.py" public-read "${2:-$bucket}" "${3:-${ABEP_S3_PREFIX:-}${ABEP_PUBLISHER_PREFIX:-register}/}"
  ;;
*)
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  case "$cmd" in help | -h | --help) exit 0 ;; "") exit 2 ;; *) die "unknown command: $cmd" ;; esac
  ;;
esac
