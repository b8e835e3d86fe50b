#!/usr/bin/env bash
# ONE call on a GPU machine (device tool), after prepare-kit.sh here:
#   run(command: "bash scripts/device/run-gpu.sh", carry: ["scripts/device/kit"], timeout_s: 540)
# 1. unpack the Vulkan loader brought along and Node; 2. select the NVIDIA ICD; 3. probe the adapter;
# 4. the webgpu benchmark (reference decoder; matmul) and the PyTorch CUDA peer on the same model
#    (eager fp32 and bf16 autocast); 5. the micro pipeline on webgpu. Everything goes to $OUT (or ./gpu-out).
# NOT RUN YET: written 2026-11-29 in a session without a GPU machine.
set -uo pipefail
cd "$(dirname "$0")/../.."
kit=$PWD/scripts/device/kit
out=${OUT:-$PWD/gpu-out}
mkdir -p "$out" /tmp/girl-gpu/bin /tmp/girl-gpu/vk /tmp/girl-gpu/node_modules/webgpu/dist/linux-x64
exec > >(tee "$out/run.log") 2>&1
# 1. loader and Node
for d in "$kit"/libvulkan1_*.deb; do dpkg -x "$d" /tmp/girl-gpu/vk; done
export LD_LIBRARY_PATH=/tmp/girl-gpu/vk/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
command -v node >/dev/null || { xz -dc "$kit/node.xz" >/tmp/girl-gpu/bin/node && chmod +x /tmp/girl-gpu/bin/node; export PATH=/tmp/girl-gpu/bin:$PATH; }
xz -dc "$kit/dawn.node.xz" >/tmp/girl-gpu/node_modules/webgpu/dist/linux-x64/dawn.node
printf '%s\n' "import{createRequire}from'module';const r=createRequire(import.meta.url);export const{create,globals}=r('./dist/linux-x64/dawn.node');" >/tmp/girl-gpu/node_modules/webgpu/index.mjs
printf '{"name":"webgpu","version":"0.6.2","type":"module","exports":"./index.mjs"}\n' >/tmp/girl-gpu/node_modules/webgpu/package.json
mkdir -p /tmp/girl-gpu/node_modules/@tensorflow/tfjs-backend-webgpu
printf '%s\n' 'export const WebGPUBackend = globalThis.__girlTfjsWebgpu.WebGPUBackend;' >/tmp/girl-gpu/node_modules/@tensorflow/tfjs-backend-webgpu/index.mjs
printf '{"name":"@tensorflow/tfjs-backend-webgpu","version":"4.22.0","type":"module","exports":"./index.mjs"}\n' >/tmp/girl-gpu/node_modules/@tensorflow/tfjs-backend-webgpu/package.json
cp "$kit"/*.mjs "$kit"/*.wasm /tmp/girl-gpu/ 2>/dev/null
# 2. the NVIDIA ICD (the container runtime mounts it where the loader does not look)
for j in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json; do
  [ -f "$j" ] && { export VK_DRIVER_FILES=$j VK_ICD_FILENAMES=$j; break; }
done
echo "node $(node -v); VK_DRIVER_FILES=${VK_DRIVER_FILES:-none}"; nvidia-smi -L || true
cd /tmp/girl-gpu
# 3. adapter
node probe-adapter.mjs | tee "$out/adapter.json"
# 4. benchmark: webgpu, then PyTorch CUDA on the same reference decoder
timeout 150 node webgpu-config.mjs --steps 10 | tail -n 1 | tee "$out/bench-webgpu.json"
timeout 150 node webgpu-config.mjs --steps 5 --shape base | tail -n 1 | tee "$out/bench-webgpu-base.json"
timeout 120 python3 "$kit/peer-pytorch-cuda.py" 10 | tail -n 1 | tee "$out/bench-pytorch-cuda.json"
# 5. micro pipeline on webgpu (until reward)
GIRL_WEBGPU_PIPELINE_OUT=/tmp/girl-gpu/runs timeout 180 node micro-pipeline.mjs | tail -n 1 | tee "$out/pipeline.json"
echo "done; results in $out"
