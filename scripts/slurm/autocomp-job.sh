#!/usr/bin/env bash
# The body of every sbatch template in this folder: runs one autocomp session
# as a job step and makes the job restartable. Docs: docs/slurm.md.
#
#   autocomp-job.sh CONFIG RUN.h5 [SRUN_OPTION...]
#
# - Start or resume: if RUN.h5 (or its journal RUN.h5.journal) exists, the run
#   is continued with `autocomp run CONFIG --resume RUN.h5` (autocomp refuses a
#   CONFIG that differs from the stored one); a run already finished is not
#   started again. Otherwise a new run starts: `autocomp run CONFIG --out RUN.h5`.
#   So the same job script serves the first start and every requeue.
# - Launch: `srun --mpi=pmix --cpu-bind=none SRUN_OPTION... autocomp ...`;
#   rank 0 is the master and runs on the first node, beside this script.
#   Before it, one line per rank ("layout: ...") shows where Slurm put them.
# - Signals to this batch shell (not to the ranks):
#     USR1        stop and requeue: the master is sent SIGTERM, writes and
#                 closes the run file and exits 5; then `scontrol requeue`
#                 puts this job back in the queue, and its next start resumes.
#                 The templates ask for it before the time limit
#                 (#SBATCH --signal=B:USR1@300); `scancel --batch --signal=USR1
#                 JOBID` does it by hand.
#     TERM, INT   stop without requeue (the master exits 5; so does this
#                 script). Resubmitting the same job resumes the run.
#   Only the master is signalled: it shuts its workers down itself.
#
# Environment:
#   AUTOCOMP_BIN           the autocomp binary (default: build/release/autocomp
#                          of the checkout this script lives in)
#   AUTOCOMP_RUN_ARGS      extra arguments for `autocomp run`, e.g. "--log-level debug"
#   AUTOCOMP_MAX_REQUEUES  requeue at most this many times (default 20), counted
#                          by SLURM_RESTART_COUNT
#   AUTOCOMP_SRUN_MPI      srun's --mpi plugin (default pmix; Debian's Open MPI
#                          fails in MPI_Init with pmi2)
#
# Exit status: autocomp's (docs/cli.md): 0 finished, 5 stopped, others failed;
# 4 when the binary is missing; 0 after a successful requeue.
set -uo pipefail

log() { echo "autocomp-job: $(date -u +%FT%TZ): $*" >&2; }
die() { log "$2"; exit "$1"; }

[ $# -ge 2 ] || die 2 "usage: autocomp-job.sh CONFIG RUN.h5 [SRUN_OPTION...]"
config=$1
run_file=$2
shift 2
srun_options=("$@")

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin=${AUTOCOMP_BIN:-$here/../../build/release/autocomp}
[ -x "$bin" ] || die 4 "autocomp binary not found at $bin (build it with scripts/build.sh or set AUTOCOMP_BIN)"
[ -n "${SLURM_JOB_ID:-}" ] || die 2 "not inside a Slurm job (submit a template with sbatch)"
restarts=${SLURM_RESTART_COUNT:-0}
# This job for scontrol and scancel. An array task goes by its array name: the
# first task's own id is also the array's, and naming that acts on every task.
job=$SLURM_JOB_ID
[ -n "${SLURM_ARRAY_JOB_ID:-}" ] && job=${SLURM_ARRAY_JOB_ID}_$SLURM_ARRAY_TASK_ID
max_requeues=${AUTOCOMP_MAX_REQUEUES:-20}
mpi=${AUTOCOMP_SRUN_MPI:-pmix}
# Slurm 22.05's srun no longer reads SLURM_CPUS_PER_TASK from sbatch; pass it on.
if [ -n "${SLURM_CPUS_PER_TASK:-}" ] && [ -z "${SRUN_CPUS_PER_TASK:-}" ]; then
  export SRUN_CPUS_PER_TASK=$SLURM_CPUS_PER_TASK
fi

# --- signals ----------------------------------------------------------------
stop_signal=""      # the first stop signal this shell received
stop_at=0           # $SECONDS when it arrived
forwarded=""        # the master was told
master_pid=""
progress=$(mktemp "${TMPDIR:-/tmp}/autocomp-job-$SLURM_JOB_ID.XXXXXX")
trap 'rm -f "$progress"' EXIT

# The master announces itself (pid) in its "start" event, after its signal
# handlers are installed; a signal sent earlier would kill it uncleanly.
find_master() {
  local pid
  pid=$(grep -m1 '"event":"start"' "$progress" 2> /dev/null | grep -o '"pid":[0-9]*' | cut -d: -f2)
  [ -n "$pid" ] || return 1
  # Rank 0 runs on the first node, beside this shell; make sure the pid is ours.
  if tr '\0' '\n' 2> /dev/null < "/proc/$pid/environ" | grep -qx "SLURM_JOB_ID=$SLURM_JOB_ID"; then
    master_pid=$pid
    return 0
  fi
  return 2
}

forward_stop() {
  [ -n "$stop_signal" ] && [ -z "$forwarded" ] || return 0
  find_master
  local found=$?
  if [ $found -eq 0 ]; then
    log "SIG$stop_signal: asking the master (pid $master_pid) to stop"
    kill -TERM "$master_pid" 2> /dev/null
    forwarded=1
  elif [ $found -eq 2 ] || [ $((SECONDS - stop_at)) -ge 30 ]; then
    # The master is not on this node, or never said it started: signal every
    # rank of the job's steps (slower: the master waits for its workers).
    log "SIG$stop_signal: master not found on this node; signalling all ranks"
    timeout 30 scancel --signal=TERM "$job"
    forwarded=1
  fi
}

on_signal() {
  if [ -n "$stop_signal" ]; then
    log "SIG$1 received; already stopping"
    return
  fi
  stop_signal=$1
  stop_at=$SECONDS
  log "SIG$1 received"
  forward_stop
}
trap 'on_signal USR1' USR1
trap 'on_signal TERM' TERM
trap 'on_signal INT' INT

requeue() {
  if [ "$restarts" -ge "$max_requeues" ]; then
    log "not requeueing: $restarts restarts already (AUTOCOMP_MAX_REQUEUES=$max_requeues)"
    return 1
  fi
  log "requeueing job $job; its next start resumes $run_file"
  if ! timeout 60 scontrol requeue "$job"; then
    log "scontrol requeue failed; submit this job again to resume"
    return 1
  fi
  # The job is marked for requeue; Slurm ends what is left of it.
  return 0
}

# --- start or resume -------------------------------------------------------
run_args=(run)
if [ -e "$run_file" ] || [ -e "$run_file.journal" ]; then
  status=$("$bin" report "$run_file" --json 2> /dev/null | tr -d ' \n' | grep -o '"run":{[^}]*}' |
    grep -o '"status":"[a-z]*"' | cut -d'"' -f4)
  if [ "$status" = finished ]; then
    log "$run_file is finished already; nothing to do"
    exit 0
  fi
  [ -f "$config" ] && run_args+=("$config")
  run_args+=(--resume "$run_file")
  log "job $job, start $((restarts + 1)): resuming $run_file (${status:-status unknown})"
else
  [ -f "$config" ] || die 2 "config $config not found"
  mkdir -p "$(dirname "$run_file")"
  run_args+=("$config" --out "$run_file")
  log "job $job, start $((restarts + 1)): new run $run_file from $config"
fi
# shellcheck disable=SC2206  # word splitting of the extra arguments is intended
run_args+=(--json-progress ${AUTOCOMP_RUN_ARGS:-})

# --- launch -----------------------------------------------------------------
# No CPU binding by Slurm: every rank may use all of the job's cores on its
# node, and autocomp splits them among the node's workers itself (one share
# each, pinned for timing). Slurm's default binding would leave each worker a
# share of its own few cores. An SRUN_OPTION --cpu-bind=... overrides this.
bind=(--cpu-bind=none)
srun --mpi=none "${bind[@]}" "${srun_options[@]}" bash -c \
  'echo "layout: rank $SLURM_PROCID node $SLURMD_NODENAME local $SLURM_LOCALID cpus $(grep Cpus_allowed_list /proc/self/status | cut -f2) gpus ${CUDA_VISIBLE_DEVICES:-none}"' |
  sort -k3,3n >&2

if [ -n "$stop_signal" ]; then
  log "stopped before the run began"
  if [ "$stop_signal" = USR1 ]; then requeue; fi
  exit 5
fi

srun --mpi="$mpi" "${bind[@]}" "${srun_options[@]}" "$bin" "${run_args[@]}" > >(tee -a "$progress") &
srun_pid=$!
while kill -0 "$srun_pid" 2> /dev/null; do
  forward_stop
  sleep 1 &
  wait $! 2> /dev/null
done
wait "$srun_pid"
rc=$?

case $rc in
  0) log "run finished: $run_file" ;;
  5)
    log "run stopped: $run_file"
    if [ "$stop_signal" = USR1 ] && requeue; then exit 0; fi
    log "continue it by submitting this job again (it resumes $run_file)"
    ;;
  *) log "autocomp exited with $rc (docs/cli.md: exit codes); $run_file keeps what was recorded" ;;
esac
exit "$rc"
