#!/usr/bin/env bash
# Start-up and idle memory of the unpacked tarball, side by side with CNCF distribution (Debian's
# docker-registry) in the same run: wall time from exec to the first 200 (registry: GET /health;
# distribution: GET /v2/), then VmRSS after idling. Usage: dist/src/bench/startup.sh [runs] [idle-seconds]
# (after `mvn -B -pl dist -am package -DskipTests -Dimage.skip=true`). Prints a Markdown table.
set -euo pipefail
runs=${1:-5}
idle=${2:-10}
here=$(cd "$(dirname "$0")/../.." && pwd)
tarball=$(ls "$here"/target/registry-*.tar.gz | head -1)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
install=$(ls -d "$work"/registry-*/)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# measure URL COMMAND...: prints "start_ms rss_mb"
measure() {
  local url=$1; shift
  local t0; t0=$(now_ms)
  "$@" >"$work/out.log" 2>&1 &
  local pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ]; do
    kill -0 $pid 2>/dev/null || { echo "process died:" >&2; cat "$work/out.log" >&2; exit 1; }
    sleep 0.01
  done
  local t1; t1=$(now_ms)
  sleep "$idle"
  local rss; rss=$(rss_mb $pid)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$((t1 - t0)) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

run_series() { # label url-template command... (PORT and DIR are substituted per run)
  local label=$1 url=$2; shift 2
  : >"$work/series"
  for i in $(seq 1 "$runs"); do
    local port; port=$(free_port)
    local dir; dir=$(mktemp -d -p "$work")
    local args=(); for a in "$@"; do a=${a//PORT/$port}; args+=("${a//DIR/$dir}"); done
    measure "${url//PORT/$port}" "${args[@]}" >>"$work/series"
  done
  local start rss
  start=$(cut -d' ' -f1 "$work/series" | median)
  rss=$(cut -d' ' -f2 "$work/series" | median)
  printf '| %s | %s ms | %s MB |\n' "$label" "$start" "$rss"
}

# distribution takes its listen address and storage folder from the environment, over its config file
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: /nonexistent\n' >"$work/distribution.yml"

# registry LABEL OPTS...: a series of the tarball's registry with these JVM flags (JAVA_OPTS)
registry() {
  local label=$1; shift
  JAVA_OPTS="$*" run_series "$label" "http://127.0.0.1:PORT/health" \
    "$install/bin/registry" serve --data-dir DIR --port PORT --enable-plugin globus
}

echo "| | median start to first 200 | median RSS after ${idle} s idle |"
echo "|---|---|---|"
run_series "docker-registry (Debian)" "http://127.0.0.1:PORT/v2/" \
  env REGISTRY_HTTP_ADDR=127.0.0.1:PORT REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY=DIR \
  /usr/bin/docker-registry serve "$work/distribution.yml"
registry "bin/registry, Globus plugin enabled, default flags"

# One flag at a time, then all of them together, each against the same tarball.
if [ -n "${REGISTRY_BENCH_VARIANTS:-}" ]; then
  jsa="$work/registry.jsa"
  # AppCDS training run: start, a few requests, stop; the JVM writes the dynamic archive at exit
  port=$(free_port)
  JAVA_OPTS="-XX:ArchiveClassesAtExit=$jsa -Xlog:cds=off -Xlog:cds+dynamic=off" \
    "$install/bin/registry" serve --data-dir "$work/train" --port "$port" --enable-plugin globus >"$work/train.log" 2>&1 &
  tp=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.1; done
  for p in / /login /v2/ /settings; do curl -s -o /dev/null "http://127.0.0.1:$port$p"; done
  kill $tp; wait $tp 2>/dev/null || true
  all=()
  for flags in "-XX:SharedArchiveFile=$jsa -Xlog:cds=off" "-XX:TieredStopAtLevel=1" "-XX:+UseSerialGC" \
      "-Xmx128m -Xss512k" "-XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=128m"; do
    registry "+ ${flags//$jsa/<archive>}" "$flags"
    all+=("$flags")
  done
  registry "all of the above" "${all[*]}"
fi
