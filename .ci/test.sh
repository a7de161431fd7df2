#!/usr/bin/env bash
# The test command: installs what is missing, builds in Release (warnings are errors), runs every test,
# then runs the SIMD-sensitive engine tests again with AVX-512, AVX2 and all hardware intrinsics turned off.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh test

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build LiveConv.sln -c Release -nologo -clp:ErrorsOnly

status=0
dotnet test LiveConv.sln -c Release --no-build -nologo --filter "Category!=Memory" 2>&1 | tee -a "$log" || status=1

# The memory check measures its whole process, so it gets a test process of its own.
echo "== memory growth, by frame count"
dotnet test tests/LiveConv.App.Tests -c Release --no-build -nologo --filter "Category=Memory" 2>&1 | tee -a "$log" || status=1

# Each SIMD tier against the scalar reference: same tests, fewer instructions.
# .NET 10 ignores DOTNET_EnableAVX512F; DOTNET_EnableAVX512 is the switch that turns Vector512 off.
for tier in DOTNET_EnableAVX512 DOTNET_EnableAVX2 DOTNET_EnableHWIntrinsic; do
  echo "== engine tests with $tier=0"
  env "$tier=0" dotnet test tests/LiveConv.Engine.Tests -c Release --no-build -nologo \
    --filter "Category=Simd" 2>&1 | tee -a "$log" || status=1
done

# The .NET tool: pack it, install it into a temporary tool path from that folder, and run it.
echo "== liveconv as a .NET tool"
tool=$(mktemp -d)
trap 'rm -f "$log"; rm -rf "$tool"' EXIT
if dotnet pack src/LiveConv.App -c Release --no-build -nologo -o "$tool/packages" >/dev/null \
  && dotnet tool install --tool-path "$tool/bin" --add-source "$tool/packages" liveconv \
  && "$tool/bin/liveconv" --help >/dev/null \
  && "$tool/bin/liveconv" summary -c seed-lines >/dev/null; then
  echo "tool: packed, installed and ran"
else
  echo "tool: FAILED (pack, install or liveconv --help)"
  status=1
fi

# A real scheduler: a one-node Slurm cluster runs a batch as a job array; its shards must cover every clip once.
echo "== slurm job array"
bash .ci/slurm.sh || status=1

# One minute of the soak (synthetic 720p30, live, recording to .mkv): fails on a crash, a hang or a bad exit.
# Memory is judged by MemoryGrowthTests above (by frame count, after a full collection), not by this run's RSS.
echo "== soak, 1 minute"
bash .ci/soak.sh 1 || status=1

# One closing line for every run above.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# A test host that crashed ran some tests but reports no failure for the rest: count it as one.
aborted=$(grep -c '^Test Run Aborted' "$log" || true)
[ "$aborted" -eq 0 ] || echo "a test run was aborted: its test host crashed (see above)"
failed=$((failed + aborted))
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || status=1
exit $status
