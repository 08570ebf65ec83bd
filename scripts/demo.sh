#!/usr/bin/env bash
# The embedded default, end to end: installs the packages, builds, runs the
# demo search (cpu backend, gemm 512x512x512, offline proposer: no LLM, no
# key, no GPU) under `mpirun -np 3` — a master and two workers — and prints
# the report. The run file lands in runs/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
mkdir -p runs
out=runs/demo-$(date +%Y%m%d-%H%M%S).h5
scripts/mpirun.sh -np 3 build/release/autocomp run examples/demo.json --out "$out"
echo
build/release/autocomp report "$out"
