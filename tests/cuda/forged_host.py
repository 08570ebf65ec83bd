"""A candidate host taken over by its candidate (test fixture for judge_forged_host_test.py).

It speaks the host protocol of backends/cuda/harness/candidate_host.py but lies as MODE says,
the way code sharing the host's interpreter could: forged clocks, outputs, inputs, frames.

    forged_host.py MODE FIFO_DIR
"""
import os
import struct
import sys
import time

sys.path.insert(0, os.environ["AUTOCOMP_HARNESS"])
import torch  # noqa: E402

import kb_common  # noqa: E402

MODE, FIFO_DIR = sys.argv[1], sys.argv[2]


def main():
    to_host = os.open(os.path.join(FIFO_DIR, "to_host"), os.O_RDONLY)
    out = os.open(os.path.join(FIFO_DIR, "from_host"), os.O_WRONLY)
    model = problem = inputs = result = first = None
    calls = 0
    while True:
        req, _ = kb_common.read_frame(to_host)
        op = req["op"]
        if op == "ping":
            kb_common.write_frame(out, {"ok": True})
        elif op == "load":
            problem = kb_common.load_module(req["problem"], "p", req.get("sizes"))
            torch.manual_seed(int(req["init_seed"]))
            model = problem.Model(*kb_common.init_inputs(problem))
            kb_common.write_frame(out, {"ok": True})
        elif op == "prepare":
            inputs = kb_common.make_inputs(problem, int(req["seed"]), "cpu")
            kb_common.write_frame(out, {"ok": True})
        elif op == "go":
            calls += 1
            if MODE == "dies":
                os._exit(3)
            if MODE == "hangs":
                time.sleep(3600)
            with torch.no_grad():
                result = model(*inputs)
            if first is None:
                first = result.clone()
            time.sleep(0.02 if MODE in ("fast_clock", "slow_report", "honest_slow") else 0)
            ms = {"fast_clock": 0.001, "slow_report": 1e6, "nan_ms": float("nan")}.get(MODE, 20.0 if MODE == "honest_slow" else 0.01)
            if MODE == "nan_ms":
                kb_common.write_frame(out, {"ok": True, "ms": "nan"})
            else:
                kb_common.write_frame(out, {"ok": True, "ms": ms})
        elif op == "fetch":
            outputs = [result]
            if MODE == "wrong_output":
                outputs = [torch.zeros_like(result)]
            if MODE == "cached_output":
                outputs = [first]
            after = list(inputs)
            if MODE == "modified_inputs":
                after = [inputs[0] * 0]
            if MODE == "garbage_frame":
                os.write(out, struct.pack("<IQ", 1 << 30, 0))
                continue
            descriptions, payload = kb_common.pack_tensors(outputs + after)
            if MODE == "bad_description":
                descriptions[0]["nbytes"] += 4
            kb_common.write_frame(out, {"ok": True, "outputs": descriptions[:1], "inputs": descriptions[1:]}, payload)
        else:
            kb_common.write_frame(out, {"ok": True})


main()
