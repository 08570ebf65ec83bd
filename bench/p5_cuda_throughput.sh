#!/usr/bin/env bash
# P5: candidates per hour through one device with the cuda backend's flow (builds in parallel on the
# node's cores, one long-lived judge and candidate host per device: `autocomp eval` of all candidates
# at once) versus the original's flow (a fresh Python process per candidate that compiles its
# extension and then checks and times it, one after the other: bench/cuda_fresh_process_flow.py),
# on the same candidates: the offline proposer's kernels for ops/7 (distinct knob settings, so every
# one compiles). Same trial counts in both. Runs on whatever device torch sees; on a machine without
# a GPU the figure is a CPU figure and says so.
#   P5 = (candidates / hour, ours) / (candidates / hour, fresh process per candidate)
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
count=${P5_CANDIDATES:-6}
device=$(/usr/bin/python3 -c "import torch; print('cuda' if torch.cuda.is_available() else 'cpu')")
size=$([ "$device" = cuda ] && echo full || echo ci)
/usr/bin/python3 - "$here/.." "$work" "$count" <<'PY'
import itertools, json, re, sys
root, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
template = open(f"{root}/backends/cuda/tuner/gemm_bias_gelu.py.in").read()
settings = itertools.product((0, 1), (4, 8, 16, 32), (4, 8, 16))
for n, (fuse, tile, vec) in zip(range(count), settings):
    knobs = {"{{FUSE}}": fuse, "{{TILE}}": tile, "{{CUDA_TILE}}": min(max(tile, 8), 32), "{{VEC}}": vec,
             "{{THREADS}}": 256, "{{KEY}}": f"p5_{n}", "{{IMPL}}": "custom", "{{TILED}}": 0}
    text = template
    for key, value in knobs.items():
        text = text.replace(key, str(value))
    open(f"{work}/cand_{n}.py", "w").write(text)
PY
cat > "$work/config.json" <<JSON
{"backend": "cuda", "problems": {"set": "ops", "ids": [7]},
 "backend_options": {"size": "$size", "timed_trials": 100, "warmup_trials": 10, "correctness_trials": 5}}
JSON
export TMPDIR=$work
start=$(date +%s.%N)
"$bin" eval cuda/ops/7 "$work"/cand_*.py --config "$work/config.json" > "$work/ours.json" || true
ours=$(/usr/bin/python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
start=$(date +%s.%N)
for f in "$work"/cand_*.py; do
  TORCH_EXTENSIONS_DIR=$(mktemp -d -p "$work") /usr/bin/python3 "$here/cuda_fresh_process_flow.py" \
    "$here/../sols/cuda/ops/7_gemm_bias_gelu.py" "$f" "$size" "$device" > /dev/null
done
fresh=$(/usr/bin/python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)")
ok=$(/usr/bin/python3 -c "import json,sys; print(sum(r['status'] == 'ok' for r in json.load(open(sys.argv[1]))))" "$work/ours.json")
/usr/bin/python3 - "$ours" "$fresh" "$count" "$ok" "$device" "$(nproc)" <<'PY'
import sys
ours, fresh, n, ok, device, cores = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
where = "GPU" if device == "cuda" else "CPU ONLY (no GPU here: not the GPU figure)"
print(f"P5 {fresh / ours:.2f} x  # {n} candidates ({ok} ok): {3600 * n / ours:.0f}/h with parallel builds + persistent judge/host "
      f"({ours:.0f} s) vs {3600 * n / fresh:.0f}/h one fresh process each ({fresh:.0f} s); {where}, {cores} cores (target >= 5 on a GPU node)")
PY
