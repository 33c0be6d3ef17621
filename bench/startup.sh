#!/usr/bin/env bash
# Start-up time of `reel serve` on PGlite: cold (new data dir: initdb + migrations) and
# warm (reopening it), measured from process start to a ready /readyz. Needs `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d); port=${PORT:-4310}
measure() {
  local start end pid
  start=$(date +%s%N)
  REEL_DATA_DIR=$dir PORT=$port LOG_LEVEL=warn node dist/cli/main.js serve >/dev/null 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/readyz" >/dev/null; do sleep 0.02; done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" || true
  echo $(( (end - start) / 1000000 ))
}
cold=$(measure); warm=$(measure)
echo "PGlite start-up to ready: cold ${cold} ms, warm ${warm} ms"
rm -rf "$dir"
