#!/usr/bin/env bash
# Prints the shell commands of the first ```bash block under "## Quick start" in the given README,
# one per line, without comments or blank lines. .ci/run executes exactly these.
set -euo pipefail
awk '
  /^## Quick start/ { inside = 1; next }
  inside && /^## / { exit }
  inside && /^```bash/ { block = 1; next }
  block && /^```/ { exit }
  block && !/^[[:space:]]*#/ && NF { print }
' "${1:-README.md}"
