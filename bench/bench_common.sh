# bench/bench_common.sh — sourced by the benchmark scripts: the binary, a
# temporary folder removed on exit, and one launcher for autocomp runs.
here=$(cd "$(dirname "$0")" && pwd)
bin=${AUTOCOMP_BIN:-$here/../build/release/autocomp}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run_autocomp RANKS CONFIG NAME: mpirun -np RANKS autocomp run CONFIG, JSON
# progress in $work/NAME.jsonl, the run file $work/NAME.h5; stderr shown on failure.
run_autocomp() {
  local ranks=$1 config=$2 name=$3 flags=(--oversubscribe)
  [ "$(id -u)" -eq 0 ] && flags+=(--allow-run-as-root)
  mpirun -np "$ranks" "${flags[@]}" "$bin" run "$config" --out "$work/$name.h5" --json-progress \
    > "$work/$name.jsonl" 2> "$work/$name.err" || { cat "$work/$name.err" >&2; exit 1; }
}
