#!/usr/bin/env bash
# Prepares scripts/device/kit/ (git-ignored) for run-gpu.sh on a GPU machine that has no internet, no Node
# and no Vulkan loader: the libvulkan1 .deb, this machine's Node binary (xz), Dawn's dawn.node (xz) and
# esbuild bundles of the benchmark and the pipeline probe. Run here, then call the device tool with
# carry: ["scripts/device/kit"] (it must stay under 64 MiB; the script prints its size).
set -euo pipefail
cd "$(dirname "$0")/../.."
kit=scripts/device/kit
mkdir -p "$kit"
# 1. the Vulkan loader (from the software-adapter cache, else a private apt download)
deb=$(ls "${GIRL_WEBGPU_ADAPTER_DIR:-$HOME/.cache/girl/webgpu-adapter}"/apt/debs/libvulkan1_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then bash scripts/webgpu/setup-adapter.sh >/dev/null; deb=$(ls "$HOME"/.cache/girl/webgpu-adapter/apt/debs/libvulkan1_*.deb | head -n 1); fi
cp "$deb" "$kit/"
# 2. Node and dawn.node, compressed
[ -f "$kit/node.xz" ] || xz -T1 -6 -c "$(command -v node)" >"$kit/node.xz"
[ -f "$kit/dawn.node.xz" ] || xz -T1 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node >"$kit/dawn.node.xz"
# 3. bundles (built packages first); `webgpu` stays external (run-gpu.sh rebuilds it from dawn.node), and
#    tfjs-backend-webgpu is bundled through kit-preamble.mjs (run-gpu.sh writes a stand-in package for it)
npx turbo build --filter=@girl/cli... --output-logs=errors-only
for entry in packages/tensor/bench/webgpu-config.mts scripts/webgpu/micro-pipeline.mjs scripts/webgpu/probe-adapter.mjs; do
  npx esbuild "$entry" --bundle --platform=node --format=esm --target=node20 --inject:scripts/device/kit-preamble.mjs \
    --external:webgpu --external:@tensorflow/tfjs-node \
    --external:@tensorflow/tfjs-node-gpu --external:@tensorflow/tfjs-backend-webgl --banner:js="import{createRequire}from'module';const require=createRequire(import.meta.url);" \
    --outfile="$kit/$(basename "${entry%.*}").mjs" --log-level=warning
done
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$kit/" 2>/dev/null || true
cp scripts/device/peer-pytorch-cuda.py "$kit/"
du -sh "$kit"
