#!/usr/bin/env bash
# P1: sweep wall time / its lower bound max(LLM critical path, evaluation work / workers),
# on bench/configs/p1_sweep.json: 8 synthetic problems, 4 iterations, beam 2 x 3 plans x 2
# implementations, simulated LLM latency 0.2-0.8 s, evaluations 0.1-0.3 s, 4 workers.
# (bench/p2_pipelining.sh also prints P1 for the shorter P2 sweep.)
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
run_autocomp 5 "$here/configs/p1_sweep.json" p1
/usr/bin/python3 - "$work/p1.jsonl" <<'PY'
import json, sys
end = [json.loads(l) for l in open(sys.argv[1]) if '"event":"end"' in l][-1]
wall = end["master"]["loop_wall_s"]
t = end["report"]["timing"]
workers = len(t["per_worker"])
bound = max(t["critical_path_s"], t["run_s"] / workers)
print(f"P1 {wall / bound:.2f} x  # 8-problem sweep {wall:.1f} s vs lower bound {bound:.1f} s = max(critical path "
      f"{t['critical_path_s']:.1f} s, evaluation {t['run_s']:.1f} s / {workers} workers) (target <= 1.15)")
PY
