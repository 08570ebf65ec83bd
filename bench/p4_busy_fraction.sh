#!/usr/bin/env bash
# P4: worker busy fraction with 1 s evaluations and 8 ranks (7 workers):
# bench/configs/p4_busy.json, 8 synthetic problems searched at once.
# Busy = seconds each worker spent measuring / (workers x the master's loop wall time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${AUTOCOMP_BIN:-$here/../build/release/autocomp}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
flags=(--oversubscribe)
[ "$(id -u)" -eq 0 ] && flags+=(--allow-run-as-root)
mpirun -np 8 "${flags[@]}" "$bin" run "$here/configs/p4_busy.json" --out "$work/p4.h5" --json-progress \
  > "$work/out.jsonl" 2> "$work/err.log" || { cat "$work/err.log" >&2; exit 1; }
/usr/bin/python3 - "$work/out.jsonl" <<'PY'
import json, sys
end = [json.loads(l) for l in open(sys.argv[1]) if '"event":"end"' in l][-1]
wall = end["master"]["loop_wall_s"]
per = end["report"]["timing"]["per_worker"]
busy = sum(w["run_s"] for w in per.values())
print(f"P4 {100 * busy / (len(per) * wall):.1f} %  # {len(per)} workers busy {busy:.1f} s of {len(per)} x {wall:.1f} s, "
      f"{sum(w['evaluated'] for w in per.values())} evaluations of 1 s (target >= 95)")
PY
