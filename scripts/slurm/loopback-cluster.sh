#!/usr/bin/env bash
# A private Slurm cluster on this machine, for trying the templates and for the
# tests in tests/slurm: one slurmctld and one or more slurmd, all on 127.0.0.1,
# every file (config, state, spool, logs, pid files) inside one folder, no
# systemd, no munge (auth/none, cred/none). Nothing outside the folder is
# touched and nothing is left running after `stop`.
#
#   loopback-cluster.sh start DIR [--nodes N] [--cpus C] [--gpus G] [--bind]
#       Writes DIR/slurm.conf, starts the daemons on free ports and waits until
#       every node is idle. Then: export SLURM_CONF=DIR/slurm.conf
#       --cpus C   CPUs each node declares (default 8; more than the real cores
#                  is fine: SlurmdParameters=config_overrides).
#       --nodes N  slurmd daemons (nodes ac1..acN), all on this host (default 1).
#       --gpus G   G fake GPUs per node (GRES gpu backed by device files in DIR
#                  with /dev/null's numbers): Slurm schedules them and sets
#                  CUDA_VISIBLE_DEVICES, nothing more. Only for checking the
#                  placement of the GPU template; needs root (mknod).
#       --bind     bind tasks to cores (TaskPlugin=task/affinity, as clusters
#                  do) instead of task/none; --cpus must not exceed the real cores.
#   loopback-cluster.sh stop DIR
#       Cancels every job, stops the daemons by the pids in their pid files
#       (TERM, then KILL after 10 s), then any step daemon or job process of
#       this cluster that is left, by pid.
#
# Needs slurmctld, slurmd and slurm-client (Debian 12: slurm-wlm 22.05).
# Runs as root (slurmd launches jobs as their owner); the daemons run as the
# calling user.
set -euo pipefail

# Seconds before a requeued job may start again.
REQUEUE_DELAY=${REQUEUE_DELAY:-5}

die() { echo "loopback-cluster: $*" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

node_names() {
  local n=$1 i
  for ((i = 1; i <= n; i++)); do echo "ac$i"; done
}

write_config() {
  local dir=$1 nodes=$2 cpus=$3 gpus=$4 task=$5 user ctld_port
  user=$(id -un)
  ctld_port=$(free_port)
  mkdir -p "$dir/state" "$dir/log"
  {
    echo "# Written by scripts/slurm/loopback-cluster.sh; private to this folder."
    echo "ClusterName=autocomp-loopback"
    echo "SlurmctldHost=$(hostname -s)(127.0.0.1)"
    echo "SlurmctldPort=$ctld_port"
    echo "SlurmUser=$user"
    echo "SlurmdUser=$user"
    echo "AuthType=auth/none"
    echo "CredType=cred/none"
    # A requeued job may start again once its old credential expired (default
    # 120 s); the scheduler looks at pending jobs every sched_interval (60 s).
    echo "AuthInfo=cred_expire=$REQUEUE_DELAY"
    echo "SchedulerParameters=sched_interval=2"
    echo "StateSaveLocation=$dir/state"
    echo "SlurmdSpoolDir=$dir/spool/%n"
    echo "SlurmctldPidFile=$dir/slurmctld.pid"
    echo "SlurmdPidFile=$dir/slurmd-%n.pid"
    echo "SlurmctldLogFile=$dir/log/slurmctld.log"
    echo "SlurmdLogFile=$dir/log/slurmd-%n.log"
    echo "PlugStackConfig=$dir/plugstack.conf"
    # Per-node temporary folder: PMIx keeps its per-step folders there, which
    # would collide between two slurmd on one host in /tmp.
    echo "TmpFS=$dir/spool/%n/tmp"
    # Job ids differ between clusters started side by side: Open MPI names its
    # shared-memory segments after them.
    echo "FirstJobId=$(( (RANDOM << 8 | RANDOM & 255) % 60000000 + 1000 ))"
    echo "ProctrackType=proctrack/linuxproc"
    echo "TaskPlugin=task/$task"
    echo "SelectType=select/cons_tres"
    echo "SelectTypeParameters=CR_CPU"
    echo "SchedulerType=sched/builtin"
    echo "SlurmdParameters=config_overrides"
    echo "ReturnToService=2"
    echo "MpiDefault=none"
    echo "JobRequeue=1"
    echo "AccountingStorageType=accounting_storage/none"
    echo "JobAcctGatherType=jobacct_gather/none"
    echo "JobCompType=jobcomp/none"
    # Finished jobs leave squeue/scontrol after MinJobAge seconds; tests read them before that.
    echo "MinJobAge=300"
    echo "KillWait=10"
    echo "InactiveLimit=0"
    [ "$gpus" -gt 0 ] && echo "GresTypes=gpu"
    local node port
    for node in $(node_names "$nodes"); do
      port=$(free_port)
      mkdir -p "$dir/spool/$node/tmp"
      local gres=""
      [ "$gpus" -gt 0 ] && gres=" Gres=gpu:$gpus"
      echo "NodeName=$node NodeHostname=$(hostname -s) NodeAddr=127.0.0.1 Port=$port CPUs=$cpus RealMemory=1000$gres State=UNKNOWN"
    done
    echo "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO"
  } > "$dir/slurm.conf"
  : > "$dir/plugstack.conf"
  : > "$dir/gres.conf"
  if [ "$gpus" -gt 0 ]; then
    local g
    for node in $(node_names "$nodes"); do
      for ((g = 0; g < gpus; g++)); do
        # slurmd wants a character device; this one is /dev/null's (1,3).
        mknod "$dir/spool/$node/fake-gpu$g" c 1 3 || die "cannot create fake GPU devices (needs root)"
        echo "NodeName=$node Name=gpu File=$dir/spool/$node/fake-gpu$g" >> "$dir/gres.conf"
      done
    done
  fi
}

wait_idle() {
  local nodes=$1 i state
  for ((i = 0; i < 150; i++)); do
    state=$(timeout 10 sinfo -h -N -o '%T' 2>/dev/null | sort | uniq -c | tr -s ' ' || true)
    if [ "$(timeout 10 sinfo -h -N -t idle -o '%N' 2>/dev/null | wc -l)" -eq "$nodes" ]; then
      return 0
    fi
    sleep 0.2
  done
  die "nodes not idle after 30 s (sinfo: ${state:-no answer}); see $dir/log"
}

start() {
  local dir="" nodes=1 cpus=8 gpus=0 task=none
  while [ $# -gt 0 ]; do
    case $1 in
      --nodes) nodes=$2; shift 2 ;;
      --cpus) cpus=$2; shift 2 ;;
      --gpus) gpus=$2; shift 2 ;;
      --bind) task=affinity; shift ;;
      -*) die "unknown option $1" ;;
      *) [ -z "$dir" ] || die "one DIR only"; dir=$1; shift ;;
    esac
  done
  [ -n "$dir" ] || die "usage: loopback-cluster.sh start DIR [--nodes N] [--cpus C] [--gpus G] [--bind]"
  for tool in slurmctld slurmd sinfo; do
    command -v "$tool" > /dev/null || die "$tool not found (Debian: apt-get install slurmctld slurmd slurm-client)"
  done
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  [ ! -e "$dir/slurmctld.pid" ] || die "$dir already holds a cluster (stop it first)"
  write_config "$dir" "$nodes" "$cpus" "$gpus" "$task"
  # Whatever fails from here on, leave nothing running.
  trap '[ "$?" -eq 0 ] || stop "$dir" > /dev/null 2>&1' EXIT
  export SLURM_CONF=$dir/slurm.conf
  # -i: ignore state left by an earlier cluster in this folder.
  slurmctld -i -f "$SLURM_CONF" || die "slurmctld did not start; see $dir/log/slurmctld.log"
  local node
  for node in $(node_names "$nodes"); do
    slurmd -f "$SLURM_CONF" -N "$node" || die "slurmd $node did not start; see $dir/log/slurmd-$node.log"
  done
  wait_idle "$nodes"
  echo "export SLURM_CONF=$SLURM_CONF"
}

# Pids of processes this cluster started that outlive a normal stop: step
# daemons (slurmstepd, which write to DIR/log) and job processes (their
# environment names DIR/slurm.conf and a job id).
leftover_pids() {
  local dir=$1 p link environ
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" != $$ ] || continue
    if [ "$(cat "$p/comm" 2> /dev/null)" = slurmstepd ]; then
      for link in "$p/cwd" "$p"/fd/*; do
        case $(readlink "$link" 2> /dev/null) in
          "$dir"/*) echo "${p#/proc/}"; break ;;
        esac
      done
    else
      environ=$(tr '\0' '\n' 2> /dev/null < "$p/environ") || continue
      if grep -qx "SLURM_CONF=$dir/slurm.conf" <<< "$environ" && grep -q '^SLURM_JOB_ID=' <<< "$environ"; then
        echo "${p#/proc/}"
      fi
    fi
  done
}

# The pids still running (a zombie waiting for its parent is not).
alive() {
  local pid stat
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2> /dev/null) || continue
    stat=${stat##*) }
    [ "${stat%% *}" = Z ] || echo "$pid"
  done
}

# TERM, then KILL after 10 s, by pid.
end_pids() {
  [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2> /dev/null || true
  local i left=()
  for ((i = 0; i < 50; i++)); do
    mapfile -t left < <(alive "$@")
    [ ${#left[@]} -eq 0 ] && return 0
    sleep 0.2
  done
  echo "loopback-cluster: killing ${left[*]} after 10 s" >&2
  kill -KILL "${left[@]}" 2> /dev/null || true
}

stop() {
  local dir=${1:?usage: loopback-cluster.sh stop DIR}
  dir=$(cd "$dir" && pwd)
  export SLURM_CONF=$dir/slurm.conf
  [ -f "$SLURM_CONF" ] || die "$dir holds no cluster"
  local daemons=() f pid name ctld=""
  for f in "$dir"/slurmctld.pid "$dir"/slurmd-*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    name=$(basename "$f" .pid)
    # A pid file may be stale: only end the daemon it names.
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2> /dev/null)" = "${name%%-*}" ]; then
      daemons+=("$pid")
      [ "$name" = slurmctld ] && ctld=$pid
    fi
  done
  # Jobs first, while slurmd can still end them cleanly.
  if [ -n "$ctld" ] && timeout 10 scancel --user="$(id -un)" 2> /dev/null; then
    local i
    for ((i = 0; i < 75; i++)); do
      [ -z "$(timeout 5 squeue -h -o %i 2> /dev/null)" ] && break
      sleep 0.2
    done
  fi
  end_pids "${daemons[@]}"
  local rest=()
  mapfile -t rest < <(leftover_pids "$dir")
  end_pids "${rest[@]}"
  rm -f "$dir"/slurmctld.pid "$dir"/slurmd-*.pid
}

case ${1:-} in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) die "usage: loopback-cluster.sh start DIR [--nodes N] [--cpus C] [--gpus G] [--bind] | stop DIR" ;;
esac
