#!/usr/bin/env bash
# bench/gemmini_p6sim.sh — figures P6sim and P6cpu: the speed of the gemmini
# backend's built-in RV64 + Gemmini simulator (autocomp-gemmini-sim).
#
#   P6sim  the exo/0 problem's harness (512x512x512 int8 GEMM) with its
#          baseline: the RISC-V core runs the harness (input generation) and
#          the baseline's call; the Gemmini model computes the matmul.
#   P6cpu  bench/p6cpu_kernel.c, plain RV64 code without Gemmini instructions
#          and almost no output (~170M instructions of integer and
#          floating-point work), so it measures the interpreter alone.
#
# With AUTOCOMP_TEST_SPIKE=<prefix>/bin/spike (libgemmini in <prefix>/lib)
# each figure is the ratio of Spike's wall time to the simulator's on the
# same program, both measured here in this run (best of 3 each, runs
# alternating; > 1 means the built-in simulator is faster), and the script
# checks that both printed the same output (P6cpu prints its own retired
# instruction count). Otherwise each figure is absolute: simulated
# instructions per second of wall time (best of 3).
# Prints "ID value unit  # ..." lines (bench convention, DESIGN.md): both
# figures, or only the one named by AUTOCOMP_BENCH_ID (set by bench/run).
# Needs riscv64-unknown-elf-gcc, picolibc and a built autocomp-gemmini-sim
# (found under $AUTOCOMP_BUILD_DIR, else build/*/ of the repository).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sim=""
for d in "${AUTOCOMP_BUILD_DIR:-}" "$here"/build/release "$here"/build/*; do
  [ -n "$d" ] && [ -x "$d/backends/gemmini/autocomp-gemmini-sim" ] && { sim="$d/backends/gemmini/autocomp-gemmini-sim"; break; }
done
if [ -z "$sim" ]; then echo "P6sim skipped  # autocomp-gemmini-sim not built"; echo "P6cpu skipped  # autocomp-gemmini-sim not built"; exit 0; fi
if ! command -v riscv64-unknown-elf-gcc > /dev/null; then
  echo "P6sim skipped  # riscv64-unknown-elf-gcc not installed"; echo "P6cpu skipped  # riscv64-unknown-elf-gcc not installed"; exit 0
fi
spike=${AUTOCOMP_TEST_SPIKE:-}
if [ -n "$spike" ] && [ ! -x "$spike" ]; then echo "AUTOCOMP_TEST_SPIKE=$spike is not executable" >&2; exit 1; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pico=/usr/lib/picolibc/riscv64-unknown-elf
rt=$here/backends/gemmini/runtime; h=$here/backends/gemmini/harness
cc=(riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -mcmodel=medany -O2 -std=gnu11 -fno-common -static -nostdlib
    -nostartfiles -isystem $pico/include -I "$here/backends/gemmini/include" -I "$rt" -I "$h" -T "$rt/link.ld"
    "$rt/crt0.S" "$rt/syscalls.c")
libs=(-L$pico/lib/rv64imafdc/lp64d -lc -lm -lgcc -Wl,--no-warn-rwx-segments)
{ echo '#include "gemmini.h"'; cat "$here/sols/gemmini/exo/0/baseline.c"; } > "$tmp/solution.c"
"${cc[@]}" -DMAT_DIM_I=512 -DMAT_DIM_K=512 -DMAT_DIM_J=512 "$h/gemm_harness.c" "$tmp/solution.c" "${libs[@]}" -o "$tmp/exo0.elf"
"${cc[@]}" "$here/bench/p6cpu_kernel.c" "${libs[@]}" -o "$tmp/cpu.elf"

now() { date +%s.%N; }
# timed OUT CMD... : runs CMD (stdout to OUT), prints its wall seconds.
timed() { local out=$1; shift; local t0; t0=$(now); "$@" > "$out"; python3 -c "print($(now) - $t0)"; }
min() { python3 -c "import sys; print(min(float(v) for v in sys.argv[1:]))" "$@"; }

# figure ID ELF WHAT PATTERN SPIKE_ARGS... : measures one program and prints
# its line; PATTERN (grep -E) picks the program's own result lines, which
# must be equal in both outputs (Spike's also holds its extension's lines).
figure() {
  local id=$1 elf=$2 what=$3 pattern=$4; shift 4
  local sim_t=() spike_t=() i
  for i in 1 2 3; do
    sim_t+=("$(timed "$tmp/$id.sim.out" "$sim" --json "$tmp/$id.json" "$elf")")
    if [ -n "$spike" ]; then spike_t+=("$(timed "$tmp/$id.spike.out" "$spike" "$@" "$elf")"); fi
  done
  local n; n=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['instructions'])" "$tmp/$id.json")
  local ts; ts=$(min "${sim_t[@]}")
  if [ -z "$spike" ]; then
    python3 -c "import sys; n,t=int(sys.argv[1]),float(sys.argv[2]); print('%s %.1f Minstr/s  # %s (%d instructions, %.2f s), best of 3; AUTOCOMP_TEST_SPIKE unset, so no ratio to Spike' % (sys.argv[3], n/t/1e6, sys.argv[4], n, t))" "$n" "$ts" "$id" "$what"
    return
  fi
  local same="same result lines as Spike"
  grep -oE "$pattern" "$tmp/$id.sim.out" > "$tmp/$id.sim.res" || true
  grep -oE "$pattern" "$tmp/$id.spike.out" > "$tmp/$id.spike.res" || true
  if [ ! -s "$tmp/$id.sim.res" ] || ! cmp -s "$tmp/$id.sim.res" "$tmp/$id.spike.res"; then same="RESULT LINES DIFFER FROM SPIKE'S"; fi
  local tk; tk=$(min "${spike_t[@]}")
  python3 -c "import sys; n,ts,tk=int(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print('%s %.2f x  # Spike time / built-in simulator time, %s (%d instructions): %.2f s vs %.2f s, %.1f vs %.1f Minstr/s, best of 3 each; %s' % (sys.argv[4], tk/ts, sys.argv[5], n, ts, tk, n/ts/1e6, n/tk/1e6, sys.argv[6]))" \
    "$n" "$ts" "$tk" "$id" "$what" "$same"
}

only=${AUTOCOMP_BENCH_ID:-}
[ "$only" = P6cpu ] || figure P6sim "$tmp/exo0.elf" "exo/0 harness + baseline" 'autocomp: [a-z_]+ [0-9]+' --extension=gemmini
[ "$only" = P6sim ] || figure P6cpu "$tmp/cpu.elf" "plain RV64 kernel bench/p6cpu_kernel.c" 'p6cpu check [0-9a-f]+ fp [-+.0-9e]+ instret [0-9]+'

