#!/usr/bin/env bash
# Sets up a software WebGPU adapter for machines without a GPU: Mesa's lavapipe (a Vulkan driver that runs
# on the CPU) from Debian bookworm-backports, which Dawn (the npm package `webgpu`) drives like a real GPU.
#
# Debian 12's own Mesa (22.3) is too old for Dawn; Mesa 25 from bookworm-backports works. Nothing is
# installed system-wide: the .deb files are fetched with `apt-get download` under a private APT_CONFIG and
# unpacked with `dpkg -x` into a cache folder, which later runs reuse.
#
# Usage:  eval "$(bash scripts/webgpu/setup-adapter.sh)"      # exports the variables below into this shell
#   stdout: `export NAME=value` lines (LD_LIBRARY_PATH, VK_ICD_FILENAMES, VK_DRIVER_FILES, GIRL_WEBGPU_ALLOW_SOFTWARE)
#   stderr: progress, and on failure one line saying what is missing
# Env:    GIRL_WEBGPU_ADAPTER_DIR  cache folder (default: ~/.cache/girl/webgpu-adapter)
# Exit:   0 ready; 3 this machine cannot have it (not Debian 12 x86-64, no apt-get, download failed)
set -euo pipefail

dir=${GIRL_WEBGPU_ADAPTER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/girl/webgpu-adapter}
root="$dir/root"
libs="$root/usr/lib/x86_64-linux-gnu"
icd="$dir/lvp_icd.json"
say() { echo "setup-adapter: $*" >&2; }
fail() { say "$*"; exit 3; }

print_env() {
  echo "export LD_LIBRARY_PATH=$libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  echo "export VK_ICD_FILENAMES=$icd"
  echo "export VK_DRIVER_FILES=$icd"
  # the adapter this script makes is a software one: say that it may be used
  echo "export GIRL_WEBGPU_ALLOW_SOFTWARE=1"
}

# 1. reuse the cache when it is complete
if [ -f "$icd" ] && [ -f "$libs/libvulkan_lvp.so" ] && [ -e "$libs/libvulkan.so.1" ]; then
  say "using the cached lavapipe in $dir"
  print_env
  exit 0
fi

# 2. can this machine have it?
[ "$(uname -m)" = "x86_64" ] || fail "needs x86-64 Linux (this is $(uname -sm))"
grep -qs 'VERSION_CODENAME=bookworm' /etc/os-release || fail "needs Debian 12 (bookworm): its backports carry Mesa 25"
command -v apt-get >/dev/null || fail "apt-get not found"
command -v dpkg >/dev/null || fail "dpkg not found"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || fail "$keyring missing (package debian-archive-keyring)"

# 3. a private apt configuration: own sources, lists and cache; the system's apt state is not touched
apt_dir="$dir/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
cat >"$apt_dir/sources.list" <<EOF
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm main
deb [signed-by=$keyring] http://deb.debian.org/debian bookworm-backports main
EOF
cat >"$apt_dir/apt.conf" <<EOF
Dir::Etc::SourceList "$apt_dir/sources.list";
Dir::Etc::SourceParts "$apt_dir/no-parts.d";
Dir::State::Lists "$apt_dir/lists";
Dir::Cache "$apt_dir/cache";
EOF
export APT_CONFIG="$apt_dir/apt.conf"

# 4. download: Mesa 25's Vulkan drivers need libdrm >= 2.4.121 (backports); the loader comes from bookworm.
#    LLVM 15, which lavapipe links, is bookworm's own libllvm15: fetched too when the system lacks it.
pkgs=(mesa-vulkan-drivers/bookworm-backports libdrm2/bookworm-backports libdrm-amdgpu1/bookworm-backports libvulkan1/bookworm)
ldconfig -p 2>/dev/null | grep -q 'libLLVM-15.so.1' || pkgs+=(libllvm15/bookworm)
say "downloading ${pkgs[*]} (apt-get download, private APT_CONFIG)"
apt-get -q update >&2 || fail "apt-get update failed for bookworm/bookworm-backports (is the Debian mirror reachable?)"
(cd "$apt_dir/debs" && rm -f ./*.deb && apt-get -q download "${pkgs[@]}" >&2) || fail "apt-get download failed: ${pkgs[*]}"

# 5. unpack into the cache (no dpkg database, no maintainer scripts)
rm -rf "$root"
mkdir -p "$root"
for deb in "$apt_dir/debs"/*.deb; do dpkg -x "$deb" "$root"; done
[ -f "$libs/libvulkan_lvp.so" ] || fail "libvulkan_lvp.so not found after unpacking"

# 6. the ICD manifest, its library path made absolute (the packaged one is a bare file name)
sed -E "s#\"library_path\": *\"[^\"]*\"#\"library_path\": \"$libs/libvulkan_lvp.so\"#" \
  "$root/usr/share/vulkan/icd.d/lvp_icd.json" >"$icd.tmp"
mv "$icd.tmp" "$icd"

# 7. every library lavapipe links must resolve
missing=$(LD_LIBRARY_PATH="$libs" ldd "$libs/libvulkan_lvp.so" | awk '/not found/ {print $1}' | tr '\n' ' ')
[ -z "$missing" ] || fail "lavapipe needs libraries this system lacks: $missing"
rm -rf "$apt_dir/cache" "$apt_dir/lists"
say "lavapipe ready in $dir ($(du -sh "$root" | cut -f1))"
print_env
