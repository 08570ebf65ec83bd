#!/usr/bin/env bash
# P4: worker busy fraction with 1 s evaluations and 8 ranks (7 workers):
# bench/configs/p4_busy.json, 8 synthetic problems searched at once.
# Busy = seconds each worker spent measuring / (workers x the master's loop wall time).
set -euo pipefail
source "$(dirname "$0")/bench_common.sh"
run_autocomp 8 "$here/configs/p4_busy.json" p4
/usr/bin/python3 - "$work/p4.jsonl" <<'PY'
import json, sys
end = [json.loads(l) for l in open(sys.argv[1]) if '"event":"end"' in l][-1]
wall = end["master"]["loop_wall_s"]
per = end["report"]["timing"]["per_worker"]
busy = sum(w["run_s"] for w in per.values())
print(f"P4 {100 * busy / (len(per) * wall):.1f} %  # {len(per)} workers busy {busy:.1f} s of {len(per)} x {wall:.1f} s, "
      f"{sum(w['evaluated'] for w in per.values())} evaluations of 1 s (target >= 95)")
PY
