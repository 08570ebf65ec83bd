"""The candidate host: the long-lived process, one per worker device, that runs
candidates' ModelNew on the GPU (or CPU) for the judge (cuda_judge.py).

It runs inside the sandbox (its own uid, namespaces, no network, the worker's
GPU only) and shares an interpreter with every candidate it loads, so nothing
it says is trusted: the judge makes the inputs' seeds, computes the reference
itself, compares the outputs it fetches from here, and bounds every time this
process reports by its own clock. This file is only the protocol's other end.

    candidate_host.py FIFO_DIR DEVICE      (reads FIFO_DIR/to_host, writes FIFO_DIR/from_host)

Requests (kb_common frames): ping; load {candidate, ext_dir, problem, sizes, init_seed};
prepare {seed}; go; fetch; unload. Every reply has "ok"; a failed one "error".
"""
import glob
import os
import re
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402
import torch.utils.cpp_extension as cpp_extension  # noqa: E402

import kb_common  # noqa: E402

FIFO_DIR, DEVICE = sys.argv[1], sys.argv[2]
GPU = DEVICE.startswith("cuda")
state = {"ext_dir": None}


def prebuilt_extension(name, *args, **kwargs):
    """load_inline/load in the measure stage: the module the build stage compiled
    (candidate_build.py), never a new compile."""
    ext_dir = state["ext_dir"] or ""
    # torch builds <name>/<name>.so, and <name>_v1/<name>_v1.so ... when one name was built again.
    exact = os.path.join(ext_dir, name, name + ".so")
    versions = sorted(glob.glob(os.path.join(ext_dir, glob.escape(name) + "_v*", glob.escape(name) + "_v*.so")),
                      key=lambda p: int(re.sub(r"\D", "", p.rsplit("_v", 1)[1]) or 0))
    matches = versions or ([exact] if os.path.exists(exact) else [])
    if not matches:
        raise ImportError(f"extension '{name}' was not built by the build stage")
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, matches[-1])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cpp_extension.load_inline = prebuilt_extension
cpp_extension.load = prebuilt_extension


def sync():
    if GPU:
        torch.cuda.synchronize()


class Session:
    def __init__(self):
        self.model = None
        self.problem = None
        self.inputs = None
        self.outputs = None
        self.ms = None
        self.flush = kb_common.l2_flush_buffer(DEVICE)

    def load(self, req):
        state["ext_dir"] = req["ext_dir"]
        self.problem = kb_common.load_module(req["problem"], "autocomp_problem", req.get("sizes"))
        candidate = kb_common.load_module(req["candidate"], "autocomp_candidate")
        if not hasattr(candidate, "ModelNew"):
            raise AttributeError("the candidate defines no ModelNew")
        torch.manual_seed(int(req["init_seed"]))
        self.model = candidate.ModelNew(*kb_common.init_inputs(self.problem))
        if isinstance(self.model, torch.nn.Module):
            self.model = self.model.to(DEVICE)
        sync()
        return {}

    def prepare(self, req):
        self.inputs = kb_common.make_inputs(self.problem, int(req["seed"]), DEVICE)
        self.outputs = None
        poison(DEVICE)
        if self.flush is not None:
            self.flush.zero_()  # a write larger than L2: nothing of the last trial stays cached
        sync()
        return {}

    def go(self, req):
        self.outputs, seconds = kb_common.timed_call(lambda: self.model(*self.inputs), GPU)
        self.ms = seconds * 1e3
        return {"ms": self.ms}

    def fetch(self, req):
        outputs = kb_common.as_tensor_list(self.outputs)
        tensors = outputs + [v for v in self.inputs if isinstance(v, torch.Tensor)]
        descriptions, payload = kb_common.pack_tensors(tensors)
        return {"outputs": descriptions[:len(outputs)], "inputs": descriptions[len(outputs):]}, payload


def poison(device):
    """Fills memory the allocator will hand out next with NaN, so an output that is
    never written is never a left-over correct answer."""
    if GPU:
        free = torch.empty(64 << 20, dtype=torch.float32, device=device)
        free.fill_(float("nan"))
        del free


def main():
    to_host = os.open(os.path.join(FIFO_DIR, "to_host"), os.O_RDONLY)
    from_host = os.open(os.path.join(FIFO_DIR, "from_host"), os.O_WRONLY)
    session = Session()
    while True:
        try:
            req, _ = kb_common.read_frame(to_host)
        except EOFError:
            return
        op = req.get("op")
        payload = b""
        try:
            if op == "ping":
                reply = {}
            elif op in ("load", "prepare", "go", "fetch"):
                result = getattr(session, op)(req)
                reply, payload = result if isinstance(result, tuple) else (result, b"")
            elif op == "unload":
                session = Session()
                reply = {}
            else:
                raise ValueError(f"unknown request {op!r}")
            reply["ok"] = True
        except BaseException as e:  # the candidate's exception, reported to the judge
            tail = traceback.format_exc()[-4000:]
            reply, payload = {"ok": False, "error": f"{type(e).__name__}: {e}"[:500], "trace": tail}, b""
            if GPU and "CUDA error" in str(e):
                reply["sticky"] = True  # a CUDA error poisons the context: the judge replaces this process
        kb_common.write_frame(from_host, reply, payload)


if __name__ == "__main__":
    main()
