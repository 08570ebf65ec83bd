#!/usr/bin/env bash
# The cuda backend's check on a machine with an NVIDIA GPU (docs/cuda.md, "GPU check and P5").
# Self-contained: it needs the checkout, a Python with a CUDA build of torch, nvcc and a C++
# compiler; it uses build/release/autocomp where that runs (carried along, or built here) and
# otherwise checks the judge and host directly. Meant to finish within 8 minutes on a GPU node
# (not yet run on one: see docs/cuda.md). It prints its figures; nothing is written outside $OUT
# (or a temporary folder).
#
#   scripts/device/cuda-check.sh            # on the GPU machine, from the repository root
#   CUDA_CHECK_DEVICE=cpu scripts/device/cuda-check.sh   # a dry run of the same steps on CPU tensors
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT:-$(mktemp -d)}
mkdir -p "$out"
python=${CUDA_CHECK_PYTHON:-$(command -v python3)}
device=${CUDA_CHECK_DEVICE:-cuda}
harness=$root/backends/cuda/harness
export PYTHONDONTWRITEBYTECODE=1
echo "== cuda-check $(date -u +%FT%TZ) on $(hostname), device $device"
nvidia-smi --query-gpu=name,uuid,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "(no nvidia-smi)"

echo "== 1. probe"
"$python" "$harness/cuda_judge.py" probe "$device" | tee "$out/probe.json" || exit 1

echo "== 2. judge and host: the offline proposer's kernels and the baselines of ops 1, 2, 4, 7 (full sizes on a GPU)"
size=$([ "$device" = cuda ] && echo full || echo ci)
"$python" - "$root" "$out" "$device" "$size" "$python" <<'PY'
import concurrent.futures, json, os, re, subprocess, sys, time
root, out, device, size, python = sys.argv[1:6]
harness = f"{root}/backends/cuda/harness"
ops = f"{root}/sols/cuda/ops"
table = json.load(open(f"{ops}/problems.json"))["problems"]
files = {n: f for f in os.listdir(ops) for n in [f.split("_")[0]] if f.endswith(".py")}
def generate(kind, knobs, key):
    text = open(f"{root}/backends/cuda/tuner/{kind}.py.in").read()
    tile = knobs.get("tile", 32)
    values = {"KEY": key, "IMPL": knobs.get("impl", "custom"), "TILED": int(knobs.get("impl") == "tiled"),
              "TILE": tile, "CUDA_TILE": min(max(tile, 8), 32), "VEC": knobs.get("vec", 1),
              "FUSE": knobs.get("fuse", 0), "THREADS": knobs.get("threads", 256)}
    for k, v in values.items():
        text = text.replace("{{" + k + "}}", str(v))
    return text
cases = [("1", None), ("1", ("matmul", {"impl": "tiled", "tile": 32})), ("2", ("matmul", {"impl": "tiled", "tile": 32})),
         ("4", None), ("4", ("softmax", {"fuse": 1, "threads": 256})), ("4", ("softmax", {"fuse": 0, "threads": 512})),
         ("7", None), ("7", ("gemm_bias_gelu", {"fuse": 1, "tile": 16})), ("7", ("gemm_bias_gelu", {"fuse": 0, "tile": 32}))]
def build(i):
    number, tuned = cases[i]
    work = f"{out}/case{i}"
    os.makedirs(work, exist_ok=True)
    problem = f"{ops}/{files[number]}"
    code = generate(tuned[0], tuned[1], f"check{i}") if tuned else re.sub(r"\bModel\b", "ModelNew", open(problem).read())
    open(f"{work}/model_new.py", "w").write(code)
    env = dict(os.environ, TORCH_EXTENSIONS_DIR=f"{work}/torch_ext", CUDA_VISIBLE_DEVICES="")
    t0 = time.time()
    built = subprocess.run([python, f"{harness}/candidate_build.py", f"{work}/model_new.py", device], env=env,
                           capture_output=True, text=True)
    return built, time.time() - t0
# Builds in parallel on the CPU cores (as the backend does), then every measurement on the GPU.
with concurrent.futures.ThreadPoolExecutor(min(len(cases), os.cpu_count() or 1)) as pool:
    builds = list(pool.map(build, range(len(cases))))
judge = subprocess.Popen([python, f"{harness}/cuda_judge.py", device], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True)
for i, (number, tuned) in enumerate(cases):
    problem = f"{ops}/{files[number]}"
    work = f"{out}/case{i}"
    built, build_s = builds[i]
    if built.returncode != 0:
        print(f"ops/{number} {tuned}: BUILD FAILED in {build_s:.0f} s: {built.stdout[-800:]}")
        continue
    sizes = table[number].get("ci", {}) if size == "ci" else {}
    request = {"op": "measure", "problem": problem, "host_problem": problem, "sizes": sizes,
               "candidate": f"{work}/model_new.py", "ext_dir": f"{work}/torch_ext", "rounds": 1,
               "correctness_trials": 5, "warmup_trials": 10, "timed_trials": 100, "sampled_checks": 3,
               "timeout_s": 300, "host_reuse": 25, "host_start_timeout_s": 180,
               "host_command": [python, f"{harness}/candidate_host.py", f"{out}/fifo", "cuda:0" if device == "cuda" else "cpu"],
               "fifo_dir": f"{out}/fifo", "bandwidth_bytes_s": None, "atol": table[number].get("tolerance", {}).get("atol"),
               "rtol": table[number].get("tolerance", {}).get("rtol"), "reference_cache": f"{out}/references.json"}
    judge.stdin.write(json.dumps(request) + "\n"); judge.stdin.flush()
    v = json.loads(judge.stdout.readline())
    m = v.get("metrics", {})
    refs = m.get("references", {})
    print(f"ops/{number} {'baseline' if not tuned else tuned[0] + ' ' + json.dumps(tuned[1])}: {v['status']} "
          f"{v.get('score', float('nan')):.4g} s (build {build_s:.0f} s; eager {refs.get('eager', float('nan')):.4g} s, "
          f"compile {refs.get('torch.compile', float('nan')):.4g} s; reported {m.get('reported_median_s', 0):.4g} "
          f"vs judge {m.get('wall_median_s', 0):.4g} s) {v.get('message', '')[:200]}", flush=True)
judge.stdin.write('{"op": "quit"}\n'); judge.stdin.flush(); judge.wait(timeout=60)
PY

bin=$root/build/release/autocomp
if [ -x "$bin" ] && "$bin" --help > /dev/null 2>&1; then
  echo "== 3. the cuda trust corpus with the real sandbox"
  AUTOCOMP_BIN=$bin AUTOCOMP_SOURCE_DIR=$root AUTOCOMP_TRUST_BACKENDS=cuda AUTOCOMP_TRUST_SUMMARY=$out/trust.txt \
    timeout 300 /usr/bin/env "$python" "$root/tests/trust/trust_test.py" > "$out/trust.log" 2>&1
  echo "trust corpus exit $?"; tail -4 "$out/trust.log"
  echo "== 4. P5"
  AUTOCOMP_BIN=$bin P5_CANDIDATES=${P5_CANDIDATES:-4} timeout 300 bash "$root/bench/p5_cuda_throughput.sh" ||
    echo "P5 did not finish"
else
  echo "== 3, 4 skipped: build/release/autocomp does not run here (carry a build or build it on this machine)"
fi
echo "== done; files in $out"
