#!/usr/bin/env bash
# The main job: installs what is missing, builds and runs liveconv. Arguments go to liveconv;
# with none it runs `liveconv explain` (the lecture's worked examples, computed by the engine).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh run
[ $# -eq 0 ] && set -- explain
exec dotnet run --project src/LiveConv.App -c Release -- "$@"
