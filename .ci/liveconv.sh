#!/usr/bin/env bash
# The main job: installs what is missing, builds and runs liveconv. Arguments go to liveconv; with none it is
# the live view (camera 0, else the synthetic scene) in a window, or, where no window can open, a short
# headless run that leaves snapshots in ./snapshots and says so in one line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh run
exec dotnet run --project src/LiveConv.App -c Release -- "$@"
