#!/usr/bin/env bash
# Soak: the synthetic 720p30 scene, live and headless, for N minutes (default 10), recording to .mkv.
# Prints RSS at start (after warm-up) and end, and liveconv's summary: frames in/out/dropped, latency p50/p99.
# Drops are reported, not failed on: on a busy CI machine a live source drops by design. It fails on:
#  - a crash, a hang past the run time, or a non-zero exit;
#  - RSS drift > 5% between the sample after warm-up and the last one. Both are medians of 5 samples taken
#    1 s apart, so one GC cycle's peak cannot fail the run; the start sample is taken after 20 s, once the
#    JIT, the frame pool and OpenCV's buffers have reached their steady size.
# Usage: .ci/soak.sh [minutes]   (CI runs .ci/soak.sh 1)
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
warmup=20
[ "$seconds" -gt $((warmup + 15)) ] || { echo "soak: need more than $((warmup + 15)) s"; exit 2; }

dll=src/LiveConv.App/bin/Release/net10.0/liveconv.dll
[ -f "$dll" ] || dotnet build src/LiveConv.App -c Release -nologo -clp:ErrorsOnly
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

DISPLAY= WAYLAND_DISPLAY= NO_COLOR=1 dotnet "$dll" run --source synthetic --size 1280x720 --fps 30 --realtime --headless \
  --output "$work/soak.mkv" >"$work/out" 2>"$work/err" &
pid=$!

rss() { awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0; }
median_rss() {
  local samples=()
  for _ in 1 2 3 4 5; do samples+=("$(rss)"); sleep 1; done
  printf '%s\n' "${samples[@]}" | sort -n | sed -n 3p
}

sleep "$warmup"
start_rss=$(median_rss)
sleep $((seconds - warmup - 10))
end_rss=$(median_rss)
# SIGTERM, not SIGINT: a non-interactive shell starts background jobs with SIGINT ignored. liveconv treats
# both alike (the recording is finalized).
kill -TERM "$pid" 2>/dev/null || true
status=0
wait "$pid" || status=$?

cat "$work/out"
[ -s "$work/err" ] && { echo "stderr:"; cat "$work/err"; }
frames=$(ffprobe -v error -count_packets -select_streams v:0 -show_entries stream=nb_read_packets -of csv=p=0 "$work/soak.mkv" 2>/dev/null || echo "?")
drift=$(awk -v a="$start_rss" -v b="$end_rss" 'BEGIN { if (a == 0) print "inf"; else printf "%.2f", (b - a) * 100 / a }')
echo "soak: ${minutes} min, RSS start ${start_rss} KB, end ${end_rss} KB, drift ${drift}%, recorded ${frames} frames, exit ${status}"

fail=0
[ "$status" -eq 0 ] || { echo "soak: FAIL: liveconv exited with $status"; fail=1; }
[ "$start_rss" -gt 0 ] && [ "$end_rss" -gt 0 ] || { echo "soak: FAIL: liveconv was not running when sampled (crashed?)"; fail=1; }
awk -v d="$drift" 'BEGIN { exit !(d != "inf" && d < 5) }' || { echo "soak: FAIL: RSS drift ${drift}% >= 5%"; fail=1; }
exit $fail
