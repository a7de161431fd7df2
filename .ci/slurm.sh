#!/usr/bin/env bash
# A real scheduler over a batch: starts a one-node Slurm cluster on this machine (munged, slurmctld -D, slurmd -D,
# a minimal slurm.conf for localhost, everything under one temporary folder), submits liveconv as a job array
# (sbatch --array=0-2 --wait) over a few short clips made with ffmpeg, and checks that the array's outputs and
# manifests cover every clip exactly once. Then it stops the daemons and removes the folder, whatever happened.
# Ends with one line: "slurm: PASS ..." or "slurm: FAILED ...". Needs root (Slurm's daemons run as root here).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
if [ "$(id -u)" -ne 0 ]; then
  echo "slurm: FAILED: the one-node cluster's daemons run as root here (SlurmUser=root); run this as root, e.g. in a disposable VM or container"
  exit 1
fi
bash .ci/deps.sh slurm

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dll=$repo/src/LiveConv.App/bin/Release/net10.0/liveconv.dll
[ -f "$dll" ] || dotnet build src/LiveConv.App -c Release -nologo -clp:ErrorsOnly >/dev/null

tasks=3
clips=5
tmp=$(mktemp -d /tmp/liveconv-slurm.XXXXXX)
# Searchable by all (munged wants its socket reachable), listable by root only.
chmod 711 "$tmp"
pids=()
fail() {
  echo "slurm: FAILED: $*"
  for log in "$tmp"/log/* "$tmp"/job-*.out; do
    [ -f "$log" ] && { echo "== $log"; tail -n 20 "$log"; }
  done
  exit 1
}
cleanup() {
  # Only the daemons this script started, by their ids; each is waited for before the folder goes.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp"/{munge,state,spool,log,clips,out,times}
# Ports of our own (derived from this shell's id), so a Slurm already running here, or another run of this script, is left alone.
port=$((20000 + ($$ % 10000) * 2))
node=$(hostname -s)

mungekey --create --keyfile="$tmp/munge/munge.key" 2>/dev/null || dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
socket=$tmp/munge/munge.socket
munged --foreground --force --key-file="$tmp/munge/munge.key" --socket="$socket" --pid-file="$tmp/munge/munged.pid" \
  --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed" >"$tmp/log/munged.out" 2>&1 &
pids+=($!)

cat >"$tmp/slurm.conf" <<CONF
# One node, this machine, both daemons as root (what a test on a disposable VM or container can do).
ClusterName=liveconv-ci
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
# Our own munged, on its own socket.
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
# No cgroups in a container: processes tracked by their parent ids, no task binding, no accounting.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/builtin
# A node that was down comes back as soon as its slurmd registers.
ReturnToService=2
SlurmdTimeout=60
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=$node Default=YES MaxTime=10 State=UP
CONF
export SLURM_CONF=$tmp/slurm.conf

for i in $(seq 1 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || fail "munged did not start"
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N "$node" -f "$SLURM_CONF" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)

# The clips while the daemons come up: 20 frames of 160x120 H.264 each.
for i in $(seq 1 "$clips"); do
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=160x120:rate=25" -frames:v 20 -c:v libx264 -pix_fmt yuv420p "$tmp/clips/lecture$i.mp4"
done

state=""
for i in $(seq 1 120); do
  state=$(sinfo -h -N -o %t 2>/dev/null | head -n 1 || true)
  [ "$state" = idle ] && break
  sleep 0.5
done
[ "$state" = idle ] || fail "the node did not become idle within 60 s (sinfo said '${state:-nothing}')"

cat >"$tmp/job.sh" <<JOB
#!/usr/bin/env bash
# One array task: liveconv reads SLURM_ARRAY_TASK_ID/COUNT/MIN and takes its share of the clips.
date +%s%N >"$tmp/times/start.\$SLURM_ARRAY_TASK_ID"
dotnet "$dll" run -c w1-detectors --source "$tmp/clips" --output-dir "$tmp/out"
status=\$?
date +%s%N >"$tmp/times/end.\$SLURM_ARRAY_TASK_ID"
exit \$status
JOB

start=$(date +%s%N)
sbatch --wait --quiet --array=0-$((tasks - 1)) --cpus-per-task=1 --time=5 --chdir="$tmp" \
  --output="$tmp/job-%A_%a.out" "$tmp/job.sh" || fail "sbatch --wait reported a failed array task"
wall_ms=$((($(date +%s%N) - start) / 1000000))

# Every clip in exactly one manifest, done, its video complete; one manifest per task.
manifests=$(ls "$tmp"/out/manifest.*-of-$tasks.jsonl 2>/dev/null | wc -l)
[ "$manifests" -eq "$tasks" ] || fail "$manifests manifests for $tasks tasks"
covered=$(cat "$tmp"/out/manifest.*-of-$tasks.jsonl | grep -o '"input":"[^"]*"' | sort)
expected=$(for i in $(seq 1 "$clips"); do echo "\"input\":\"lecture$i.mp4\""; done | sort)
[ "$covered" = "$expected" ] || fail "the manifests cover $(echo "$covered" | tr '\n' ' ') instead of each of the $clips clips once"
[ "$(cat "$tmp"/out/manifest.*-of-$tasks.jsonl | grep -c '"outcome":"done"')" -eq "$clips" ] || fail "not every clip is done"
for i in $(seq 1 "$clips"); do
  frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$tmp/out/lecture$i.mkv" 2>/dev/null || echo none)
  [ "$frames" = 20 ] || fail "out/lecture$i.mkv has $frames frames, not 20"
done
# sbatch --wait polls the job's state every few seconds, so the tasks' own span is the figure to read.
first=$(cat "$tmp"/times/start.* | sort -n | head -n 1)
last=$(cat "$tmp"/times/end.* | sort -n | tail -n 1)
span_ms=$(((last - first) / 1000000))
shares=$(for f in "$tmp"/out/manifest.*-of-$tasks.jsonl; do grep -c . "$f" || true; done | paste -sd+)
echo "slurm: PASS: $tasks array tasks (sbatch --array=0-$((tasks - 1)) --wait) over $clips clips, each done once (shares $shares); tasks ran $((span_ms / 1000)).$((span_ms % 1000 / 100)) s from the first start to the last end, sbatch --wait returned after $((wall_ms / 1000)).$((wall_ms % 1000 / 100)) s"
