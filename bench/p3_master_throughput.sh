#!/usr/bin/env bash
# P3: results per second through the master with instant evaluations
# (synthetic backend, zero cost), and master CPU time per candidate.
# Runs `mpirun -np 3 autocomp run bench/configs/p3.json` once and reads the
# master's own counters from the "end" event.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${AUTOCOMP_BIN:-$here/../build/release/autocomp}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--oversubscribe)
[ "$(id -u)" -eq 0 ] && flags+=(--allow-run-as-root)
mpirun -np 3 "${flags[@]}" "$bin" run "$here/configs/p3.json" --out "$work/p3.h5" --json-progress \
  > "$work/out.jsonl" 2> "$work/err.log" || { cat "$work/err.log" >&2; exit 1; }
/usr/bin/python3 - "$work/out.jsonl" <<'PY'
import json, sys
end = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{"event":"end"') or '"event":"end"' in l][-1]
m = end["master"]
n, wall, cpu = m["results"], m["loop_wall_s"], m["cpu_s"]
print(f"P3 {n / wall:.0f} results/s  # {n} synthetic results through the master in {wall:.2f} s, mpirun -np 3 (target >= 1000)")
print(f"P3cpu {1000 * cpu / n:.3f} ms/candidate  # master CPU {cpu:.2f} s for {n} results (target <= 0.5)")
PY
