"""The cuda judge: the trusted side of the cuda backend's measure stage, one per worker.

The C++ backend starts it once per worker device and sends it one JSON request per
line on stdin; it answers one JSON line on stdout. It keeps torch imported and the
device's context warm, and drives a candidate host (candidate_host.py) that it
starts in the sandbox and replaces after any failure. The candidate never runs in
this process: this process draws the seeds, computes the reference output from the
same inputs with the problem's own Model, compares every fetched output and every
input after the call, and holds the clock that bounds the times the host reports.

Requests:
  {"op": "probe"}  -> the device and software versions (they key result reuse)
  {"op": "measure", ...}  -> a verdict (see measure())
  {"op": "quit"}
"""
import hashlib
import json
import math
import os
import random
import select
import signal
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

import kb_common  # noqa: E402

# Datasheet memory bandwidth in bytes/s by GPU model (substring of the device name),
# most specific first. A time that would move the trial's inputs faster than this
# (after the L2 flush every input is in device memory) is implausible.
GPU_BANDWIDTH = [
    ("H200", 4.8e12), ("GH200", 4.0e12), ("H100 PCIe", 2.0e12), ("H100 NVL", 3.9e12), ("H100", 3.35e12),
    ("H800", 3.35e12), ("B200", 8.0e12), ("A100-SXM4-80GB", 2.039e12), ("A100 80GB PCIe", 1.935e12),
    ("A100", 1.555e12), ("A800", 2.039e12), ("L40S", 0.864e12), ("L40", 0.864e12), ("L4", 0.3e12),
    ("A10G", 0.6e12), ("A10", 0.6e12), ("A40", 0.696e12), ("V100", 0.9e12), ("T4", 0.32e12),
    ("RTX 4090", 1.008e12), ("RTX 3090", 0.936e12), ("MI300X", 5.3e12), ("MI250X", 3.2e12),
]
# CPU: no datasheet is known for an arbitrary host; this bound only catches the absurd.
CPU_BANDWIDTH = 2.0e12
PLAUSIBILITY_MARGIN = 1.5
# A reported time below this fraction of what the judge's clock allows is a forged timer.
FORGED_FRACTION = 0.5


class HostDied(Exception):
    pass


class HostTimeout(Exception):
    pass


class ProtocolError(Exception):
    """The host sent something the protocol does not allow (a forged or broken reply)."""


class CandidateError(Exception):
    def __init__(self, reply):
        super().__init__(reply.get("error", "error"))
        self.reply = reply


def now():
    return time.monotonic()


def die_with_parent():
    """The sandbox helper of a host dies with this judge (PR_SET_PDEATHSIG), and with it the host."""
    import ctypes
    ctypes.CDLL(None).prctl(1, 9)


class Host:
    """One candidate host process in the sandbox, and the FIFO pair to it."""

    def __init__(self, command, fifo_dir):
        self.fifo_dir = fifo_dir
        shutil.rmtree(fifo_dir, ignore_errors=True)
        os.makedirs(fifo_dir)
        os.chmod(fifo_dir, 0o777)
        for name in ("to_host", "from_host"):
            path = os.path.join(fifo_dir, name)
            os.mkfifo(path)
            os.chmod(path, 0o666)
        # O_RDWR: opening never blocks, whether or not the host ever opens its end.
        self.to_fd = os.open(os.path.join(fifo_dir, "to_host"), os.O_RDWR)
        self.from_fd = os.open(os.path.join(fifo_dir, "from_host"), os.O_RDWR)
        self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, preexec_fn=die_with_parent)
        self.candidates = 0
        self.rtt_s = 0.0

    def alive(self):
        return self.proc.poll() is None

    def request(self, header, deadline, max_payload=kb_common.MAX_PAYLOAD_BYTES):
        kb_common.write_frame(self.to_fd, header)
        return self.reply(deadline, max_payload)

    def reply(self, deadline, max_payload=kb_common.MAX_PAYLOAD_BYTES):
        def wait():
            while True:
                left = deadline - now()
                if left <= 0:
                    raise HostTimeout()
                ready, _, _ = select.select([self.from_fd], [], [], min(left, 0.2))
                if ready:
                    return
                if not self.alive():
                    raise HostDied()
        header, payload = kb_common.read_frame(self.from_fd, wait, max_payload)
        if not header.get("ok"):
            raise CandidateError(header)
        return header, payload

    def outcome(self):
        """What the sandbox said about the host's end (its JSON), after it exited."""
        try:
            out, _ = self.proc.communicate(timeout=10)
            return json.loads(out.decode(errors="replace") or "{}")
        except Exception:
            return {}

    def stop(self):
        if self.alive():
            self.proc.terminate()  # the sandbox helper kills the whole tree and reports
        outcome = self.outcome()
        for fd in (self.to_fd, self.from_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.fifo_dir, ignore_errors=True)
        return outcome


class Judge:
    def __init__(self, device):
        self.gpu = device.startswith("cuda")
        self.device = "cuda:0" if self.gpu else "cpu"
        self.host = None
        self.rng = random.SystemRandom()
        self.input_bytes = 0

    # -- the device -------------------------------------------------------
    def probe(self):
        info = {"torch": torch.__version__, "device": self.device, "cuda": torch.version.cuda or "none"}
        if self.gpu:
            props = torch.cuda.get_device_properties(0)
            info.update({"gpu": props.name, "capability": f"{props.major}.{props.minor}",
                         "memory_bytes": props.total_memory,
                         "l2_bytes": getattr(props, "L2_cache_size", 0)})
            info.update(nvidia_smi())
        info["bandwidth_bytes_s"] = self.bandwidth(info.get("gpu", ""))
        return info

    def bandwidth(self, name):
        if not self.gpu:
            return CPU_BANDWIDTH
        for key, value in GPU_BANDWIDTH:
            if key in name:
                return value
        return None

    # -- the host ---------------------------------------------------------
    def ensure_host(self, req):
        if self.host is not None and (not self.host.alive() or self.host.candidates >= req["host_reuse"]):
            self.host.stop()
            self.host = None
        if self.host is None:
            self.host = Host(req["host_command"], req["fifo_dir"])
            deadline = now() + req["host_start_timeout_s"]
            self.host.request({"op": "ping"}, deadline)
            rtts = []
            for _ in range(20):
                t0 = now()
                self.host.request({"op": "ping"}, now() + 10)
                rtts.append(now() - t0)
            rtts.sort()
            self.host.rtt_s = rtts[int(len(rtts) * 0.9)]
        self.host.candidates += 1
        return self.host

    def drop_host(self):
        outcome = self.host.stop() if self.host is not None else {}
        self.host = None
        return outcome

    # -- the reference ----------------------------------------------------
    def reference(self, req, init_seed):
        problem = kb_common.load_module(req["problem"], "autocomp_reference", req.get("sizes"))
        torch.manual_seed(init_seed)
        model = problem.Model(*kb_common.init_inputs(problem))
        if isinstance(model, torch.nn.Module):
            model = model.to(self.device).eval()
        return problem, model

    def expected(self, problem, model, seed):
        inputs = kb_common.make_inputs(problem, seed, self.device)
        with torch.no_grad():
            out = kb_common.as_tensor_list(model(*inputs))
        out = [o.detach().to("cpu") for o in out]
        after = [v.detach().to("cpu") for v in inputs if isinstance(v, torch.Tensor)]
        self.input_bytes = sum(t.numel() * t.element_size() for t in after)
        return out, after

    # -- one measurement --------------------------------------------------
    def measure(self, req):
        started = now()
        deadline = started + req["timeout_s"]
        init_seed = self.rng.getrandbits(62)
        try:
            problem, model = self.reference(req, init_seed)
        except Exception as e:
            return {"status": "infra_error", "message": f"the reference failed: {type(e).__name__}: {e}"[:400]}
        metrics = {"device": self.device}
        if self.gpu:  # this judge's own GPU (CUDA_VISIBLE_DEVICES is the worker's device)
            if not hasattr(self, "identity"):
                self.identity = {"gpu": torch.cuda.get_device_name(0), "gpu_uuid": nvidia_smi().get("uuid", "unknown")}
            metrics.update(self.identity)
        try:
            host = self.ensure_host(req)
        except (HostDied, HostTimeout, CandidateError, OSError) as e:
            outcome = self.drop_host()
            return {"status": "infra_error", "message": f"the candidate host did not start ({type(e).__name__})",
                    "trace": str(outcome.get("output", ""))[-4000:]}
        metrics["host_rtt_s"] = host.rtt_s
        try:
            host.request({"op": "load", "candidate": req["candidate"], "ext_dir": req["ext_dir"],
                          "problem": req["host_problem"], "sizes": req.get("sizes") or {}, "init_seed": init_seed},
                         deadline)
            checked = 0
            for _ in range(req["rounds"]):
                for _ in range(req["correctness_trials"]):
                    verdict = self.checked_trial(host, problem, model, deadline, req)
                    if verdict:
                        return self.fail(verdict, metrics)
                    checked += 1
            for _ in range(req["warmup_trials"]):
                self.trial(host, self.rng.getrandbits(62), deadline)
            trials = req["timed_trials"]
            sampled = set(self.rng.sample(range(trials), min(trials, req["sampled_checks"])))
            sampled.add(trials - 1)
            reported, walls = [], []
            for i in range(trials):
                seed = self.rng.getrandbits(62)
                ms, wall = self.trial(host, seed, deadline)
                reported.append(ms / 1e3)
                walls.append(wall)
                if i in sampled:
                    verdict = self.compare(host, problem, model, seed, deadline, req)
                    if verdict:
                        verdict["message"] = f"timed trial {i + 1}: " + verdict["message"]
                        return self.fail(verdict, metrics)
                    checked += 1
            metrics["checked_calls"] = checked
        except HostTimeout:
            self.drop_host()
            return self.fail({"status": "timeout",
                              "message": f"ran past {req['timeout_s']:.0f} s (correctness and timing trials)"},
                             metrics)
        except HostDied:
            outcome = self.drop_host()
            return self.fail({"status": "runtime_error", "message": "the candidate killed its host process (" +
                              describe(outcome) + ")", "trace": str(outcome.get("output", ""))[-4000:]}, metrics)
        except CandidateError as e:
            self.drop_host()
            error = str(e.reply.get("error", "")).strip().splitlines() or ["failed"]
            return self.fail({"status": "runtime_error", "message": "the candidate raised " + error[0][:300],
                              "trace": str(e.reply.get("trace", ""))[-8000:]}, metrics)
        except (ProtocolError, json.JSONDecodeError) as e:
            self.drop_host()
            return self.fail({"status": "rejected", "message": f"broke the host protocol: {e}"[:400]}, metrics)
        except Exception:
            self.drop_host()
            raise
        verdict = self.timing_verdict(req, reported, walls, metrics, host.rtt_s)
        if verdict["status"] == "ok":
            verdict["metrics"].update(self.reference_times(req, problem, model))
        return verdict

    # -- what the candidate is compared with ----------------------------------
    def reference_times(self, req, problem, model):
        """The eager reference's and torch.compile's median times, measured here (trusted code) the way
        candidates are, once per problem, device model, torch version and trial count (cached on disk)."""
        cache_path = req.get("reference_cache")
        with open(req["problem"], "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        key = json.dumps([digest, req.get("sizes") or {}, self.device_name(), torch.__version__,
                          req["timed_trials"]])
        cache = {}
        if cache_path and os.path.exists(cache_path):
            try:
                with open(cache_path) as f:
                    cache = json.load(f)
            except (OSError, ValueError):
                cache = {}
        if key in cache:
            return cache[key]
        times = {"references": {"eager": self.time_model(problem, model, req)}}
        if hasattr(torch, "compile"):
            try:
                times["references"]["torch.compile"] = self.time_model(problem, torch.compile(model), req)
            except Exception as e:
                times["compile_unavailable"] = f"torch.compile failed: {type(e).__name__}: {e}"[:200]
        else:
            times["compile_unavailable"] = f"torch {torch.__version__} has no torch.compile"
        cache[key] = times
        if cache_path:
            tmp = cache_path + f".{os.getpid()}"
            with open(tmp, "w") as f:
                json.dump(cache, f)
            os.replace(tmp, cache_path)
        return times

    def device_name(self):
        return torch.cuda.get_device_name(0) if self.gpu else cpu_model()

    def time_model(self, problem, model, req):
        flush = kb_common.l2_flush_buffer(self.device)
        times = []
        for i in range(req["warmup_trials"] + req["timed_trials"]):
            inputs = kb_common.make_inputs(problem, self.rng.getrandbits(62), self.device)
            if flush is not None:
                flush.zero_()
                torch.cuda.synchronize()
            with torch.no_grad():
                _, elapsed = kb_common.timed_call(lambda: model(*inputs), self.gpu)
            if i >= req["warmup_trials"]:
                times.append(elapsed)
        return statistics.median(times)

    def fail(self, verdict, metrics):
        verdict.setdefault("metrics", {}).update(metrics)
        if verdict["status"] != "ok":
            self.drop_host()  # the next candidate gets a fresh host; only this one paid
        return verdict

    def trial(self, host, seed, deadline):
        """One call: inputs made and L2 flushed first (outside the clock), then the judge's clock
        runs from "go" to the host's "done". Returns (reported ms, judge's wall seconds)."""
        host.request({"op": "prepare", "seed": seed}, deadline)
        t0 = now()
        reply, _ = host.request({"op": "go"}, deadline)
        wall = now() - t0
        try:
            ms = float(reply.get("ms", float("nan")))
        except (TypeError, ValueError):
            ms = float("nan")
        if not math.isfinite(ms) or ms < 0:
            raise ProtocolError(f"reported time {reply.get('ms')!r}")
        return ms, wall

    def checked_trial(self, host, problem, model, deadline, req):
        seed = self.rng.getrandbits(62)
        self.trial(host, seed, deadline)
        return self.compare(host, problem, model, seed, deadline, req)

    def compare(self, host, problem, model, seed, deadline, req):
        """None when the last call's outputs and inputs match the reference's, else a verdict."""
        expected, inputs_after = self.expected(problem, model, seed)
        limit = sum(t.numel() * t.element_size() for t in expected + inputs_after) + (1 << 20)
        try:
            header, payload = host.request({"op": "fetch"}, deadline, max_payload=limit)
            outputs = kb_common.unpack_tensors(header["outputs"], payload)
            inputs = kb_common.unpack_tensors(header["inputs"], payload)
        except (ValueError, KeyError, TypeError) as e:
            raise ProtocolError(f"fetch: {e}") from e
        if len(outputs) != len(expected):
            return {"status": "wrong_answer", "message": f"{len(outputs)} outputs, the reference has {len(expected)}"}
        for i, (got, want) in enumerate(zip(outputs, expected)):
            atol, rtol = tolerance(want.dtype, req.get("atol"), req.get("rtol"))
            problem_text = mismatch(got, want, atol, rtol)
            if problem_text:
                return {"status": "wrong_answer", "message": f"output {i}: {problem_text}"}
        if len(inputs) != len(inputs_after):
            return {"status": "wrong_answer", "message": "the inputs changed in number"}
        for i, (got, want) in enumerate(zip(inputs, inputs_after)):
            if got.shape != want.shape or got.dtype != want.dtype or not torch.equal(
                    got.view(torch.uint8) if got.dtype == torch.bool else got, want):
                if not (got.is_floating_point() and torch.equal(got.isnan(), want.isnan())
                        and torch.equal(got.nan_to_num(), want.nan_to_num())):
                    return {"status": "wrong_answer", "message": f"input {i} was modified by the call"}
        return None

    def timing_verdict(self, req, reported, walls, metrics, rtt):
        """Each trial's time is the host's figure clamped into [wall - allowance, wall]: the
        judge's clock bounds it from both sides, whatever the host claims."""
        allowance = 1.5 * rtt + 20e-6  # "go" and "done" are one round trip
        times, forged = [], 0
        for ms_s, wall in zip(reported, walls):
            low = max(wall - allowance, 0.0)
            if ms_s < FORGED_FRACTION * low:
                forged += 1
            times.append(min(max(ms_s, low), wall))
        metrics.update({"trials": len(times), "allowance_s": allowance,
                        "reported_median_s": statistics.median(reported),
                        "wall_median_s": statistics.median(walls)})
        if forged * 2 > len(times):
            return self.fail({"status": "rejected",
                              "message": f"the times the host reported disagree with the judge's clock in {forged} of "
                                         f"{len(times)} trials (median {statistics.median(reported):.3g} s reported, "
                                         f"{statistics.median(walls):.3g} s elapsed)"}, metrics)
        median = statistics.median(times)
        metrics.update({"median_s": median, "mean_s": statistics.fmean(times), "min_s": min(times),
                        "std_s": statistics.pstdev(times) if len(times) > 1 else 0.0,
                        "cv": (statistics.pstdev(times) / statistics.fmean(times)) if statistics.fmean(times) > 0 else 0})
        bandwidth = req.get("bandwidth_bytes_s")
        input_bytes = self.input_bytes
        if bandwidth and input_bytes:
            floor = input_bytes / (PLAUSIBILITY_MARGIN * bandwidth)
            metrics["floor_s"] = floor
            if median < floor:
                return self.fail({"status": "implausible",
                                  "message": f"{median:.3g} s would read its {input_bytes} input bytes faster than "
                                             f"{PLAUSIBILITY_MARGIN}x the device's {bandwidth:.3g} B/s"}, metrics)
        return {"status": "ok", "score": median, "message": "", "metrics": metrics}


def tolerance(dtype, atol, rtol):
    """The problem's tolerance, else KernelBench's by the reference output's dtype."""
    default = 1e-2 if dtype in (torch.float16, torch.bfloat16) else 1e-4
    return (default if atol is None else float(atol)), (default if rtol is None else float(rtol))


def mismatch(got, want, atol, rtol):
    if got.shape != want.shape:
        return f"shape {list(got.shape)}, the reference's is {list(want.shape)}"
    if got.dtype != want.dtype:
        return f"dtype {got.dtype}, the reference's is {want.dtype}"
    g, w = got.to(torch.float64), want.to(torch.float64)
    bad = ~torch.isclose(g, w, rtol=rtol, atol=atol, equal_nan=False)
    count = int(bad.sum())
    if count == 0:
        return ""
    err = (g - w).abs()
    err = err[torch.isfinite(err)]
    worst = float(err.max()) if err.numel() else float("nan")
    return (f"{count} of {got.numel()} elements differ (max abs error {worst:.3g}; atol {atol:g}, rtol {rtol:g})")


def describe(outcome):
    if outcome.get("signal"):
        return f"signal {outcome['signal']}"
    if "exit_code" in outcome:
        return f"exit code {outcome['exit_code']}"
    return outcome.get("kind", "ended")


def nvidia_smi():
    """UUID and driver of the visible GPU (nvidia-smi), where the tool is present."""
    if shutil.which("nvidia-smi") is None:
        return {"driver": "unknown", "uuid": "unknown"}
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=uuid,driver_version", "--format=csv,noheader", "-i", "0"],
                             capture_output=True, text=True, timeout=20).stdout.strip().splitlines()
        uuid, driver = [s.strip() for s in out[0].split(",")]
        return {"uuid": uuid, "driver": driver}
    except Exception:
        return {"driver": "unknown", "uuid": "unknown"}


def probe_main(wanted):
    """`cuda_judge.py probe auto|cuda|cpu`: what this node measures on, as one JSON line."""
    gpu = torch.cuda.is_available()
    info = {}
    if wanted == "cuda" and not gpu:
        info["reason"] = "torch.cuda.is_available() is false"
    device = "cuda" if gpu and wanted != "cpu" else "cpu"
    info.update(Judge(device).probe())
    info["device"] = device
    info["python"] = sys.version.split()[0]
    info["cpu"] = cpu_model()
    info["compiler"] = first_line(["c++", "--version"])
    if device == "cuda":
        info["nvcc"] = first_line(["nvcc", "--version"], last=True)
        info.update(device_minor(info.get("uuid", "")))
    print(json.dumps(info))


def first_line(argv, last=False):
    try:
        lines = subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()
        return (lines[-1] if last else lines[0]) if lines else "none"
    except Exception:
        return "none"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def device_minor(uuid):
    """The /dev/nvidiaN number of the GPU with this UUID (the driver's /proc files), where known."""
    import glob
    for info in glob.glob("/proc/driver/nvidia/gpus/*/information"):
        try:
            with open(info) as f:
                text = f.read()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("GPU UUID", "").strip() == uuid:
            try:
                return {"minor": int(fields.get("Device Minor", "").strip())}
            except ValueError:
                return {}
    return {}


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "probe":
        probe_main(sys.argv[2] if len(sys.argv) > 2 else "auto")
        return
    device = sys.argv[1] if len(sys.argv) > 1 else "cpu"
    judge = Judge(device)

    def stop(*_):  # the worker went away (PR_SET_PDEATHSIG) or asked: take the host along
        judge.drop_host()
        os._exit(0)
    signal.signal(signal.SIGTERM, stop)
    out = sys.stdout
    sys.stdout = sys.stderr  # nothing but replies on the reply channel
    for line in sys.stdin:
        try:
            req = json.loads(line)
            op = req.get("op")
            if op == "probe":
                reply = judge.probe()
            elif op == "measure":
                reply = judge.measure(req)
            elif op == "quit":
                judge.drop_host()
                return
            else:
                reply = {"status": "infra_error", "message": f"unknown request {op!r}"}
        except Exception as e:  # the judge's own failure
            reply = {"status": "infra_error", "message": f"judge: {type(e).__name__}: {e}"[:400]}
        out.write(json.dumps(reply) + "\n")
        out.flush()
    judge.drop_host()


if __name__ == "__main__":
    main()
