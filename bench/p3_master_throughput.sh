#!/usr/bin/env bash
# P3: results per second through the master with instant evaluations
# (synthetic backend, zero cost), and master CPU time per candidate.
# Runs `mpirun -np 3 autocomp run bench/configs/p3.json` once and reads the
# master's own counters from the "end" event.
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
run_autocomp 3 "$here/configs/p3.json" p3
/usr/bin/python3 - "$work/p3.jsonl" <<'PY'
import json, sys
end = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{"event":"end"') or '"event":"end"' in l][-1]
m = end["master"]
n, wall, cpu = m["results"], m["loop_wall_s"], m["cpu_s"]
print(f"P3 {n / wall:.0f} results/s  # {n} synthetic results through the master in {wall:.2f} s, mpirun -np 3 (target >= 1000)")
print(f"P3cpu {1000 * cpu / n:.3f} ms/candidate  # master CPU {cpu:.2f} s for {n} results (target <= 0.5)")
PY
