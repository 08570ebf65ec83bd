"""Helpers for the end-to-end tests: launching autocomp for real and reading what it wrote.

Everything here starts real processes (mpirun, the autocomp binary) and reads
real files (HDF5 via h5py, JSON from `autocomp report --json`).
"""
import json
import os
import shutil
import subprocess
import tempfile

AUTOCOMP = os.environ["AUTOCOMP_BIN"]
MPIRUN = os.environ.get("AUTOCOMP_MPIRUN") or "mpirun"
SOURCE_DIR = os.environ["AUTOCOMP_SOURCE_DIR"]


def mpirun_command(ranks, *args):
    cmd = [MPIRUN, "-np", str(ranks), "--oversubscribe"]
    if os.geteuid() == 0:
        cmd.append("--allow-run-as-root")
    return cmd + [AUTOCOMP] + list(args)


def run(cmd, timeout=300, check=True):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}\nstdout:\n{proc.stdout[-4000:]}\n"
                             f"stderr:\n{proc.stderr[-4000:]}")
    return proc


def report(run_file):
    return json.loads(run([AUTOCOMP, "report", run_file, "--json"]).stdout)


def json_events(stdout):
    events = []
    for line in stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return events


class Workdir:
    """A fresh temporary folder, removed afterwards."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="autocomp-e2e-")
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)


def write_config(path, **overrides):
    config = {
        "backend": "cpu",
        "problems": {"set": "gemm", "ids": [4]},
        "models": ["offline"],
        "search": {"iterations": 2, "beam_size": 2, "plans_per_candidate": 2, "impls_per_plan": 2,
                   "menu_keep_probability": 1.0, "seed": 3},
        "eval": {"repeats": 3, "warmup": 1, "run_timeout_s": 30},
    }
    for key, value in overrides.items():
        config[key] = value
    with open(path, "w") as f:
        json.dump(config, f)
    return path


def processes_mentioning(text):
    """PIDs whose command line or working directory mentions `text` (leftover check)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if text in cmdline or text in cwd:
            found.append((int(pid), cmdline.strip()))
    return found


def wait_until_gone(text, seconds=10.0):
    """The processes still mentioning `text` after waiting up to `seconds` for them to exit."""
    import time
    deadline = time.time() + seconds
    while True:
        left = processes_mentioning(text)
        if not left or time.time() > deadline:
            return left
        time.sleep(0.2)
