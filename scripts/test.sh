#!/usr/bin/env bash
# Builds (if needed) and runs the whole test suite with ctest.
# Extra arguments go to ctest, e.g. `scripts/test.sh -L sandbox`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
# Open MPI refuses to start as root unless told; the tests launch mpirun.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
ctest --preset release -j2 "$@"
