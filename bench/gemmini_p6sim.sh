#!/usr/bin/env bash
# bench/gemmini_p6sim.sh — figure P6sim: simulated instructions per second of
# the gemmini backend's built-in RV64 + Gemmini simulator (autocomp-gemmini-sim),
# on the exo/0 problem (512x512x512 int8 GEMM) harness with its baseline: the
# RISC-V core runs the harness (input generation) and the baseline's
# 300k-instruction call; the Gemmini model computes one 512^3 matmul (the
# reference runs in a separate program in the backend's check, not here).
# Prints one line: "P6sim <value> Minstr/s  # ..." (bench convention, DESIGN.md).
# Needs riscv64-unknown-elf-gcc, picolibc and a built autocomp-gemmini-sim
# (found under $AUTOCOMP_BUILD_DIR, else build/*/ of the repository).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
sim=""
for d in "${AUTOCOMP_BUILD_DIR:-}" "$here"/build/release "$here"/build/*; do
  [ -n "$d" ] && [ -x "$d/backends/gemmini/autocomp-gemmini-sim" ] && { sim="$d/backends/gemmini/autocomp-gemmini-sim"; break; }
done
if [ -z "$sim" ]; then echo "P6sim skipped  # autocomp-gemmini-sim not built"; exit 0; fi
if ! command -v riscv64-unknown-elf-gcc > /dev/null; then echo "P6sim skipped  # riscv64-unknown-elf-gcc not installed"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pico=/usr/lib/picolibc/riscv64-unknown-elf
rt=$here/backends/gemmini/runtime; h=$here/backends/gemmini/harness
{ echo '#include "gemmini.h"'; cat "$here/sols/gemmini/exo/0/baseline.c"; } > "$tmp/solution.c"
riscv64-unknown-elf-gcc -march=rv64gc -mabi=lp64d -mcmodel=medany -O2 -std=gnu11 -fno-common -static -nostdlib \
  -nostartfiles -isystem $pico/include -I "$here/backends/gemmini/include" -I "$rt" -I "$h" \
  -DMAT_DIM_I=512 -DMAT_DIM_K=512 -DMAT_DIM_J=512 -T "$rt/link.ld" "$rt/crt0.S" "$rt/syscalls.c" \
  "$h/gemm_harness.c" "$tmp/solution.c" -L$pico/lib/rv64imafdc/lp64d -lc -lm -lgcc \
  -Wl,--no-warn-rwx-segments -o "$tmp/prog.elf"
best=""
for i in 1 2 3; do
  "$sim" --quiet --json "$tmp/r$i.json" "$tmp/prog.elf" > /dev/null
  best=$(python3 - "$tmp/r$i.json" "$best" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
m = d["mips"]
prev = float(sys.argv[2]) if sys.argv[2] else 0.0
print(max(m, prev))
PY
)
done
n=$(python3 -c "import json;print(json.load(open('$tmp/r1.json'))['instructions'])")
printf 'P6sim %.1f Minstr/s  # built-in RV64+Gemmini simulator, exo/0 harness + baseline (%s instructions), best of 3\n' "$best" "$n"
