#!/usr/bin/env bash
# bench/gemmini_calibration.sh — figures G1 and G2: how far the gemmini cycle
# model is from published FireSim measurements. Each point is one
# tiled_matmul_auto call (tests/gemmini/calibration/matmul_calibration.c)
# built with our include/gemmini.h, run on autocomp-gemmini-sim with the
# hardware preset the measurement used; the model's cycles between the two
# counter reads are compared with FireSim's.
#   G1  median absolute error, %      G2  largest absolute error, %
# `--table` also prints the per-point table (markdown, for docs/gemmini.md).
# `--check` exits 1 unless every point is within 15% and the median within
# 7% (the targets of docs/gemmini.md; the gemmini_calibration test).
# `--include DIR` builds against another gemmini.h (e.g. the original
# library's include/ with its gemmini_params.h) instead of ours.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
table=0; check=0; include="$here/backends/gemmini/include"
while [ $# -gt 0 ]; do
  case "$1" in
    --table) table=1 ;;
    --check) check=1 ;;
    --include) include=$2; shift ;;
    *) echo "usage: $0 [--table] [--check] [--include DIR]" >&2; exit 2 ;;
  esac
  shift
done
sim=""
for d in "${AUTOCOMP_BUILD_DIR:-}" "$here"/build/release "$here"/build/*; do
  [ -n "$d" ] && [ -x "$d/backends/gemmini/autocomp-gemmini-sim" ] && { sim="$d/backends/gemmini/autocomp-gemmini-sim"; break; }
done
skip=0; [ "$check" = 1 ] && skip=77  # ctest's skip code
id=${AUTOCOMP_BENCH_ID:-G1}
if [ -z "$sim" ]; then echo "$id skipped  # autocomp-gemmini-sim not built"; exit $skip; fi
if ! command -v riscv64-unknown-elf-gcc > /dev/null; then echo "$id skipped  # riscv64-unknown-elf-gcc not installed"; exit $skip; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pico=/usr/lib/picolibc/riscv64-unknown-elf
rt=$here/backends/gemmini/runtime
points=$here/tests/gemmini/calibration/firesim_points.tsv
: > "$tmp/results.tsv"
while IFS=$'\t' read -r name preset dims bias init cycles source; do
  case "$name" in ''|'#'*) continue ;; esac
  IFS=x read -r I K J <<< "$dims"
  riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -mcmodel=medany -O2 -std=gnu11 -fno-common -static -nostdlib \
    -nostartfiles -isystem $pico/include -I "$include" -I "$rt" -DCAL_I=$I -DCAL_K=$K -DCAL_J=$J -DCAL_BIAS=$bias -DCAL_INIT=$init \
    -T "$rt/link.ld" "$rt/crt0.S" "$rt/syscalls.c" "$here/tests/gemmini/calibration/matmul_calibration.c" \
    -L$pico/lib/rv64imafdc/lp64d -lc -lm -lgcc -Wl,--no-warn-rwx-segments -o "$tmp/$name.elf"
  "$sim" --quiet --hardware "{\"preset\":\"$preset\"}" --json "$tmp/$name.json" "$tmp/$name.elf" > /dev/null
  model=$(/usr/bin/python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['timed_region']['cycle_estimate'])" "$tmp/$name.json")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$preset" "$dims" "$cycles" "$model" "$source" >> "$tmp/results.tsv"
done < "$points"
/usr/bin/python3 - "$tmp/results.tsv" "$table" "$check" "${AUTOCOMP_BENCH_ID:-}" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
errs = []
if sys.argv[2] == "1":
    print("| point | memory model | M×K×N | FireSim cycles | model cycles | error |")
    print("|---|---|---|---|---|---|")
for name, preset, dims, fs, model, src in rows:
    e = (int(model) - int(fs)) / int(fs) * 100
    errs.append(abs(e))
    if sys.argv[2] == "1":
        mem = "DDR3 FR-FCFS + 4 MiB LLC" if preset == "default" else "latency-bandwidth pipe (Lean)"
        print(f"| {name} | {mem} | {dims} | {int(fs):,} | {int(model):,} | {e:+.1f}% |")
only = sys.argv[4]  # bench/run asks for one figure at a time
if only in ("", "G1"):
    print(f"G1 {statistics.median(errs):.1f} %  # median |model - FireSim| / FireSim over {len(errs)} published tiled_matmul_auto points")
if only in ("", "G2"):
    print(f"G2 {max(errs):.1f} %  # largest |model - FireSim| / FireSim over the same points")
if sys.argv[3] == "1" and (statistics.median(errs) > 7.0 or max(errs) > 15.0):
    print("calibration targets missed: median must be within 7%, every point within 15%")
    sys.exit(1)
PY
