#!/usr/bin/env bash
# Makes sure the OS packages LiveConv needs are installed (Debian/Ubuntu).
#   deps.sh run    what the app needs: OpenCvSharp's native library wants GTK 3.
#   deps.sh test   plus what the tests use: Xvfb for the window, ffmpeg/ffprobe to check videos,
#                  xdotool to send keys, xwd + imagemagick for screenshots, strace to see that outputs are synced.
#   deps.sh slurm  a one-node Slurm cluster for .ci/slurm.sh (slurm-wlm, munge) and ffmpeg for its clips.
# Installs what is missing when it can (root, or sudo without a password); otherwise prints the exact
# command to run and exits 1.
set -euo pipefail

run_packages=(libgtk-3-0)
test_packages=(xvfb xauth ffmpeg xdotool x11-apps imagemagick strace)
slurm_packages=(slurm-wlm munge ffmpeg)

case "${1:-run}" in
  run) wanted=("${run_packages[@]}") ;;
  test) wanted=("${run_packages[@]}" "${test_packages[@]}") ;;
  slurm) wanted=("${run_packages[@]}" "${slurm_packages[@]}") ;;
  *) echo "usage: $0 [run|test|slurm]" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "liveconv: not a Debian/Ubuntu system; make sure these are installed: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "liveconv needs these packages: ${missing[*]}" >&2
  echo "Run:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing ${missing[*]} ..." >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
