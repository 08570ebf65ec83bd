#!/usr/bin/env bash
# bench/gemmini_sweep.sh [CONFIG] — the gemmini offline-proposer sweep (not CI).
# Runs `autocomp run` with CONFIG (default bench/configs/gemmini_sweep.json: every
# exo, exo-conv and admm-multifunction problem, offline proposer), then measures,
# per problem, the baseline, the search's best code, the vendor-library version
# (sols/gemmini/<set>/<i>/library.c) and the hand-tuned version (tuned.c) with
# `autocomp eval`, and prints a markdown table: scores in the backend's score
# unit, the model's cycle estimate and the instruction count of each, and the
# best's speedup over the baseline, the library version and tuned.c in the score
# unit (a missing file or a failed evaluation shows "-").
# Environment: AUTOCOMP_BIN (default build/release/autocomp), SWEEP_RANKS (MPI
# ranks, default 3: the master and two workers), SWEEP_KEEP=DIR keeps the run
# file, report and evaluations there.
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
config=${1:-$here/configs/gemmini_sweep.json}
root=$(cd "$here/.." && pwd)
run_autocomp "${SWEEP_RANKS:-3}" "$config" sweep
"$bin" report "$work/sweep.h5" --json > "$work/report.json"
"$bin" report "$work/sweep.h5" --code > "$work/report.txt"
/usr/bin/python3 - "$work" "$root" "$bin" <<'PY'
import json, os, re, subprocess, sys
work, root, binary = sys.argv[1:4]
report = json.load(open(os.path.join(work, "report.json")))
text = open(os.path.join(work, "report.txt")).read()

def best_code(problem):
    # The text report's section of `problem`: its code follows "  best code:".
    start = text.find("\n" + problem + "  ")
    if start < 0: return None
    # It ends at the next problem's section or at the report's closing figures.
    nxt = re.search(r"\ngemmini/[^\s]+/\d+  |\n\nover .*\(\d+ problems\)", text[start + 1:])
    section = text[start:start + 1 + nxt.start()] if nxt else text[start:]
    at = section.find("\n  best code:\n")
    return section[at + len("\n  best code:\n"):] if at >= 0 else None

def evaluate(problem, files):
    out = subprocess.run([binary, "eval", problem] + files, capture_output=True, text=True)
    try:
        results = json.loads(out.stdout)
    except json.JSONDecodeError:
        return [None] * len(files)
    if isinstance(results, dict): results = [results]
    figures = []
    for r in results:
        if r.get("status") != "ok" or r.get("score") is None:
            figures.append(None); continue
        m = r.get("metrics", {})
        figures.append({"score": r["score"], "cycles": m.get("cycles_estimate"),
                        "instructions": max(m.get("instructions_per_seed") or [0])})
    return figures

def num(v): return "-" if v is None else f"{v:,.0f}"
def ratio(a, b): return "-" if a is None or b is None or not b["score"] else f"{a['score'] / b['score']:.2f}x"

rows, unit = [], None
for p in report["problems"]:
    problem = p["problem"]
    unit = unit or p.get("score_unit", "score")
    _, pset, index = problem.split("/")
    d = os.path.join(root, "sols/gemmini", pset, index)
    names, files = ["baseline", "best"], [os.path.join(d, "baseline.c")]
    code = best_code(problem)
    best_file = os.path.join(work, f"best-{pset}-{index}.c")
    open(best_file, "w").write(code or "")
    files.append(best_file)
    for extra in ("library", "tuned"):
        if os.path.exists(os.path.join(d, extra + ".c")):
            names.append(extra); files.append(os.path.join(d, extra + ".c"))
    got = dict(zip(names, evaluate(problem, files)))
    b, best, lib, tuned = got.get("baseline"), got.get("best"), got.get("library"), got.get("tuned")
    cell = lambda f, key: "-" if f is None else num(f[key])
    rows.append(f"| {pset}/{index} | {cell(b, 'score')} | {cell(best, 'score')} | {ratio(b, best)} | "
                f"{cell(lib, 'score')} | {ratio(lib, best)} | {cell(tuned, 'score')} | {ratio(tuned, best)} | "
                f"{cell(b, 'cycles')} / {cell(best, 'cycles')} / {cell(lib, 'cycles')} / {cell(tuned, 'cycles')} | "
                f"{cell(b, 'instructions')} / {cell(best, 'instructions')} / {cell(lib, 'instructions')} / "
                f"{cell(tuned, 'instructions')} |")
print(f"Score unit: {unit}. Speedups are ratios of scores (x > 1: the search's best is better). "
      "Cycles are the built-in model's estimate; instructions are counted in solution().\n")
print("| problem | baseline | best | vs baseline | library | vs library | tuned.c | vs tuned.c | "
      "cycles (model): baseline / best / library / tuned.c | instructions: baseline / best / library / tuned.c |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
print("\n".join(rows))
PY
if [ -n "${SWEEP_KEEP:-}" ]; then mkdir -p "$SWEEP_KEEP" && cp -r "$work"/. "$SWEEP_KEEP"/; fi
