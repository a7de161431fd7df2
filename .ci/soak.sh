#!/usr/bin/env bash
# Soak: the synthetic 720p30 scene, live and headless, for N minutes (default 10), recording to .mkv.
# Prints the resident set (RSS) every 10 s, then after the first minute, at the end and at its highest, the growth
# over the second half of the run, and liveconv's summary: frames in/out/dropped, latency p50/p99.
#
# It fails on a crash, a hang past the run time or a non-zero exit, never on memory: an RSS read from outside
# counts garbage that waits for the next collection and the frame pool's high-water mark (frames in flight grow
# when a busy machine makes a stage stall), so it varies with the machine. Whether anything is kept per frame is
# judged by tests/LiveConv.App.Tests/Memory/MemoryGrowthTests.cs, by frame count and after a full collection; the
# README's "Memory" section has what grows and why. Drops are reported, not failed on: a live source drops by design.
# Usage: .ci/soak.sh [minutes]   (CI runs .ci/soak.sh 1)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
[ "$seconds" -ge 30 ] || { echo "soak: need at least half a minute"; exit 2; }

dll=src/LiveConv.App/bin/Release/net10.0/liveconv.dll
[ -f "$dll" ] || dotnet build src/LiveConv.App -c Release -nologo -clp:ErrorsOnly
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

DISPLAY= WAYLAND_DISPLAY= NO_COLOR=1 dotnet "$dll" run --source synthetic --size 1280x720 --fps 30 --realtime --headless \
  --output "$work/soak.mkv" >"$work/out" 2>"$work/err" &
pid=$!

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0; }
: >"$work/rss"
for ((t = 10; t <= seconds; t += 10)); do
  sleep 10
  kill -0 "$pid" 2>/dev/null || break
  echo "$t $(rss)" >>"$work/rss"
done
# SIGTERM, not SIGINT: a non-interactive shell starts background jobs with SIGINT ignored. liveconv treats
# both alike (the recording is finalized).
kill -TERM "$pid" 2>/dev/null || true
status=0
wait "$pid" || status=$?

cat "$work/out"
[ -s "$work/err" ] && { echo "stderr:"; cat "$work/err"; }
echo "RSS (s KB):" $(awk '{ printf "%s:%s ", $1, $2 }' "$work/rss")
frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$work/soak.mkv" 2>/dev/null || echo "?")
awk -v minutes="$minutes" -v frames="$frames" -v status="$status" '
  { t[NR] = $1; r[NR] = $2; if ($2 > max) max = $2; if ($1 <= 60) first = $2 }
  END {
    half = int((NR + 1) / 2)
    slope = NR > half && t[NR] > t[half] ? (r[NR] - r[half]) * 60 / (t[NR] - t[half]) : 0
    printf "soak: %s min, RSS %s KB after 1 min, %s KB at the end, %s KB at most, %+.0f KB/min over the second half, recorded %s frames, exit %s\n",
      minutes, first, r[NR], max, slope, frames, status
  }' "$work/rss"

fail=0
[ "$status" -eq 0 ] || { echo "soak: FAIL: liveconv exited with $status"; fail=1; }
[ "$(wc -l <"$work/rss")" -eq $((seconds / 10)) ] || { echo "soak: FAIL: liveconv was not running for the whole soak (crashed?)"; fail=1; }
[[ "$frames" =~ ^[0-9]+$ ]] && [ "$frames" -gt 0 ] || { echo "soak: FAIL: the recording has no frames"; fail=1; }
exit $fail
