#!/usr/bin/env bash
# bench/t1_call_overhead.sh — figure T1: what the cpu backend's trusted path
# (runner + frozen child + shared memory + per-call checks, docs/evaluation.md)
# adds to a timed call. The same 512^3 gemm (bench/t1/gemm_tiled.c) is timed by
# `autocomp eval cpu/gemm/0` (median of 5 calls after 1 warm-up) and called in
# one process without any of it (bench/t1/in_process.c, same calls, same
# compiler flags). Alternating rounds; prints the median of the per-round
# ratios: "T1 <ratio> x  # ...". Target: within 1.03.
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
cc -std=gnu17 -O3 -march=native -fopenmp-simd -fno-common "$here/t1/in_process.c" "$here/t1/gemm_tiled.c" \
  -o "$work/in_process"
ratios=()
for round in 1 2 3 4 5; do
  trusted=$("$bin" eval cpu/gemm/0 "$here/t1/gemm_tiled.c" --repeats 5 |
            python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["status"]=="ok", r["message"]; print(r["score"])')
  direct=$("$work/in_process" 5)
  ratios+=("$(python3 -c "print($trusted / $direct)")")
done
python3 - "${ratios[@]}" <<'PY'
import statistics, sys
r = sorted(float(x) for x in sys.argv[1:])
print(f"T1 {statistics.median(r):.3f} x  # trusted runner / in-process call, 512^3 gemm median, "
      f"5 alternating rounds (ratios {', '.join(f'{x:.3f}' for x in r)}); target <= 1.03")
PY
