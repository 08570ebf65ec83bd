#!/usr/bin/env bash
# mpirun with the flags this machine needs: --allow-run-as-root when root,
# --oversubscribe when asking for more ranks than cores. Usage: scripts/mpirun.sh -np 3 build/release/autocomp run ...
set -euo pipefail
flags=()
[ "$(id -u)" -eq 0 ] && flags+=(--allow-run-as-root)
flags+=(--oversubscribe)
exec mpirun "${flags[@]}" "$@"
