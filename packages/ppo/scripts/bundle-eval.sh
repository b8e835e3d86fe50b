#!/usr/bin/env bash
# Bundles scripts/eval-synthetic.ts into one file (.tmp/eval/eval.mjs) with the wasm binaries and the native
# addon next to it, so the evaluation runs with a bare `node` on a machine without node_modules (this is how
# the README's numbers were produced on a 16-core machine):
#
#   cd packages/ppo && bash scripts/bundle-eval.sh
#   GIRL_NATIVE_ADDON=$PWD/.tmp/eval/girl_native.node node .tmp/eval/eval.mjs --epochs 8 --steps 35 --batch 32 --lr 3e-5 --kl 0.05 --lam 1
#
# The native addon is built with -march=native: run the bundle on a CPU with the same instruction sets
# (or leave GIRL_NATIVE_ADDON unset to fall back to wasm).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .tmp/eval
../../node_modules/.bin/esbuild scripts/eval-synthetic.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile=.tmp/eval/eval.mjs --log-level=error \
  "--banner:js=import { createRequire as __cr } from 'module'; import { fileURLToPath as __fu } from 'url'; import { dirname as __dn } from 'path'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"
cp ../../node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm .tmp/eval/
cp ../tensor/native/out/girl_native.node .tmp/eval/ 2>/dev/null || echo "native addon not built: the bundle will use wasm"
echo ".tmp/eval/eval.mjs ready"
