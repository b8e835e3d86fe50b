#!/usr/bin/env bash
# npm run test:webgpu — the conformance suites and a `micro` pipeline on the webgpu backend.
# 1. no GPU here: set up the software adapter (scripts/webgpu/setup-adapter.sh, cached) and allow it;
# 2. build what the run needs, and start the backend once to learn the adapter;
# 3. the suites that run on webgpu (vitest, test names containing "webgpu"): @girl/tensor's ops and
#    training helpers, @girl/generator's device-side decoding;
# 4. the micro pipeline (tokenizer → SFT → reward model → PPO → augmentation) on webgpu.
# Last line: {"adapter": {...}, "tests": {"passed": n, "failed": n}, "pipeline": {"seconds": n, "sftEvalLoss": n, "rewardAuc": n, ...}}
# Where no adapter can be had, says why in one line, prints the JSON with "skipped", and exits 0.
# Logs: .tmp/webgpu/ (or $GIRL_WEBGPU_LOG_DIR).
set -uo pipefail
cd "$(dirname "$0")/../.."
log=${GIRL_WEBGPU_LOG_DIR:-$PWD/.tmp/webgpu}
mkdir -p "$log"
skip() {
  echo "test:webgpu skipped: $1"
  printf '{"adapter": null, "tests": {"passed": 0, "failed": 0}, "pipeline": null, "skipped": %s}\n' "$(node -e 'console.log(JSON.stringify(process.argv[1]))' "$1")"
  exit 0
}

# 1. a hardware adapter needs a GPU device node; elsewhere use the software one
if [ ! -e /dev/nvidia0 ] && ! ls /dev/dri/renderD* >/dev/null 2>&1; then
  if env_lines=$(bash scripts/webgpu/setup-adapter.sh 2>"$log/setup-adapter.log"); then
    eval "$env_lines"
  else
    skip "no GPU and no software adapter: $(tail -n 1 "$log/setup-adapter.log")"
  fi
fi

# 2. build, then the adapter
npx turbo build --filter=@girl/cli... --output-logs=errors-only >"$log/build.log" 2>&1 || { tail -n 30 "$log/build.log"; echo "test:webgpu: build failed" >&2; exit 1; }
adapter=$(node scripts/webgpu/probe-adapter.mjs 2>"$log/probe.log" | tail -n 1)
[ -n "$adapter" ] || skip "$(grep -v '^Warning' "$log/probe.log" | tail -n 1)"
echo "adapter: $adapter"

# 3. the suites
tests_rc=0
for pkg in tensor generator; do
  (cd packages/$pkg && npx vitest run -t webgpu --reporter=default --reporter=json --outputFile="$log/vitest-$pkg.json" >"$log/vitest-$pkg.log" 2>&1) || tests_rc=1
  grep -E '×|FAIL|Test Files|Tests ' "$log/vitest-$pkg.log" | tail -n 8
done
counts=$(node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const f of process.argv.slice(1)) {
    try { const r = JSON.parse(fs.readFileSync(f, "utf8")); passed += r.numPassedTests; failed += r.numFailedTests; } catch { failed++; }
  }
  console.log(JSON.stringify({ passed, failed }));' "$log/vitest-tensor.json" "$log/vitest-generator.json")

# 4. the micro pipeline
pipeline=$(node scripts/webgpu/micro-pipeline.mjs 2>"$log/pipeline.log" | tail -n 1)
if [ -z "$pipeline" ] || [ "${pipeline:0:1}" != "{" ]; then
  grep -v '^Warning' "$log/pipeline.log" | tail -n 15
  pipeline=null
fi

echo "{\"adapter\": $adapter, \"tests\": $counts, \"pipeline\": $pipeline}"
[ $tests_rc -eq 0 ] && [ "$pipeline" != null ]
