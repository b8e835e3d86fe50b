#!/usr/bin/env bash
# The parity check against transformers' own classes, in one call, on a machine where python3 imports
# torch and transformers (a GPU machine): GIRL's loader and exporter against GPT2LMHeadModel,
# LlamaForCausalLM, Qwen2ForCausalLM and Qwen3ForCausalLM (transformers' save_pretrained folders
# into GIRL; GIRL's folders through from_pretrained, missing/unexpected keys fatal).
#
#   bash scripts/device/parity-transformers.sh          # writes $OUT/parity.txt when $OUT is set
#
# The last line is the parity JSON; "transformers" is non-null only when transformers was used.
set -euo pipefail
cd "$(dirname "$0")/../.."
py=${PYTHON:-python3}
"$py" -c 'import torch, transformers; print("torch", torch.__version__, "transformers", transformers.__version__, "cuda", torch.cuda.is_available())'
[ -d node_modules/@girl ] || npm ci --no-audit --no-fund >/dev/null
out=${OUT:-/tmp}
PYTHON="$py" npm run parity 2>&1 | tee "$out/parity.txt"
