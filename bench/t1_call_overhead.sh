#!/usr/bin/env bash
# bench/t1_call_overhead.sh — figure T1: what the cpu backend's trusted path
# (runner + frozen child + shared memory + per-call checks, docs/evaluation.md)
# adds to a timed call. The same 512^3 gemm (bench/t1/gemm_tiled.c) is timed by
# `autocomp eval cpu/gemm/0` (median of 15 calls after 1 warm-up) and called in
# one process without any of it (bench/t1/in_process.c, same calls, same
# compiler flags, the same core). Alternating rounds; prints the median of the
# per-round ratios of medians, and the ratio of the fastest calls:
# "T1 <ratio> x  # ...". Target: within 1.03.
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
cc -std=gnu17 -O3 -march=native -fopenmp-simd -fno-common "$here/t1/in_process.c" "$here/t1/gemm_tiled.c" \
  -o "$work/in_process"
rows=()
for round in $(seq 1 9); do
  trusted=$("$bin" eval cpu/gemm/0 "$here/t1/gemm_tiled.c" --repeats 15 |
            python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["status"]=="ok", r["message"]; print(r["score"], r["metrics"]["min_s"])')
  direct=$(taskset -c "$(taskset -pc $$ | sed "s/.*: //" | cut -d, -f1 | cut -d- -f1)" "$work/in_process" 15)
  rows+=("$trusted $direct")
done
python3 - "${rows[@]}" <<'PY'
import statistics, sys
rows = [tuple(float(x) for x in row.split()) for row in sys.argv[1:]]  # trusted median, trusted min, direct median, direct min
ratios = sorted(t / d for t, _, d, _ in rows)
mins = min(r[1] for r in rows) / min(r[3] for r in rows)
print(f"T1 {statistics.median(ratios):.3f} x  # trusted runner / in-process call, 512^3 gemm, median of 9 alternating "
      f"rounds of per-round median ratios (range {ratios[0]:.3f}-{ratios[-1]:.3f}); fastest call {mins:.3f} x; target <= 1.03")
PY
