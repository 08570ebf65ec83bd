"""Helpers for the Slurm tests: a private Slurm cluster on loopback, and jobs on it.

`Cluster` starts a real slurmctld and slurmd (scripts/slurm/loopback-cluster.sh),
submits the real sbatch templates from scripts/slurm, waits with timeouts, and
stops the daemons by pid when the test ends, whether it passed or not. Run files
are read with `autocomp report --json` and h5py.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

AUTOCOMP = os.environ["AUTOCOMP_BIN"]
SOURCE_DIR = os.environ["AUTOCOMP_SOURCE_DIR"]
CLUSTER_SCRIPT = os.path.join(SOURCE_DIR, "scripts", "slurm", "loopback-cluster.sh")
TEMPLATES = os.path.join(SOURCE_DIR, "scripts", "slurm")
SKIP = 77  # ctest SKIP_RETURN_CODE

# Job states after which a job does nothing more (requeued jobs go back to PENDING).
FINAL_STATES = {"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL",
                "DEADLINE", "PREEMPTED"}


def skip_unless_slurm():
    """Exit with SKIP (and the reason) where a loopback cluster cannot run."""
    missing = [tool for tool in ("slurmctld", "slurmd", "sbatch", "srun", "scontrol", "squeue", "scancel", "sinfo")
               if shutil.which(tool) is None]
    if missing:
        print(f"SKIP: {', '.join(missing)} not installed (Debian: apt-get install slurmctld slurmd slurm-client)")
        sys.exit(SKIP)
    if os.geteuid() != 0:
        print("SKIP: slurmd must run as root to launch jobs")
        sys.exit(SKIP)


def run(cmd, timeout, env=None, check=True):
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}\nstdout:\n{proc.stdout[-3000:]}\n"
                             f"stderr:\n{proc.stderr[-3000:]}")
    return proc


def report(run_file):
    return json.loads(run([AUTOCOMP, "report", run_file, "--json"], timeout=60).stdout)


def measured(report_json):
    """Candidates with a result (any status but pending), over all problems."""
    return sum(n for p in report_json["problems"] for s, n in p["candidates_by_status"].items() if s != "pending")


def json_events(text):
    events = []
    for line in text.splitlines():
        if line.startswith("{"):
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return events


def write_config(path, config):
    with open(path, "w") as f:
        json.dump(config, f, indent=2)
    return path


def small_cpu_config(scratch, set_name="gemm", ids=(4,)):
    """A cpu search that takes a few seconds (tests/mpi uses the same shape)."""
    return {"backend": "cpu", "problems": {"set": set_name, "ids": list(ids)}, "models": ["offline"],
            "search": {"iterations": 2, "beam_size": 2, "plans_per_candidate": 2, "impls_per_plan": 2,
                       "menu_keep_probability": 1.0, "seed": 3},
            "eval": {"repeats": 3, "warmup": 1, "run_timeout_s": 30},
            "output": {"scratch_dir": scratch}}


class Cluster:
    """A loopback Slurm cluster in a fresh temporary folder, for one test.

    with Cluster(nodes=1, cpus=8) as c:
        job = c.sbatch("autocomp-node.sbatch", [config, run_file], ["--ntasks=3"])
        info = c.wait(job, timeout=120)
    """

    def __init__(self, nodes=1, cpus=8, gpus=0, bind=False):
        self.nodes, self.cpus, self.gpus, self.bind = nodes, cpus, gpus, bind
        self.dir = None
        self.pids = []

    # --- life -----------------------------------------------------------
    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="autocomp-slurm-")
        self.work = os.path.join(self.dir, "work")
        os.makedirs(self.work)
        self.conf = os.path.join(self.dir, "cluster", "slurm.conf")
        self.env = dict(os.environ, SLURM_CONF=self.conf, AUTOCOMP_ROOT=SOURCE_DIR, AUTOCOMP_BIN=AUTOCOMP)
        try:
            run([CLUSTER_SCRIPT, "start", os.path.join(self.dir, "cluster"), "--nodes", str(self.nodes),
                 "--cpus", str(self.cpus), "--gpus", str(self.gpus)] + (["--bind"] if self.bind else []), timeout=90)
            self.pids = self._daemon_pids()
            assert len(self.pids) == self.nodes + 1, f"daemons: {self.pids}"
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        try:
            if self.dir and os.path.exists(self.conf):
                subprocess.run([CLUSTER_SCRIPT, "stop", os.path.join(self.dir, "cluster")], timeout=120)
        finally:
            # By pid, whatever the script managed: no daemon outlives the test.
            for pid in self.pids:
                if _alive(pid):
                    os.kill(pid, 9)
            left = self.leftovers()
            shutil.rmtree(self.dir, ignore_errors=True)
        if exc[0] is None:
            assert not left, f"processes outlived the cluster: {left}"

    def _daemon_pids(self):
        pids = []
        folder = os.path.dirname(self.conf)
        for name in os.listdir(folder):
            if name.endswith(".pid"):
                with open(os.path.join(folder, name)) as f:
                    pids.append(int(f.read().strip()))
        return pids

    def leftovers(self):
        """Daemons, step daemons and job processes of this cluster still alive."""
        found = [(pid, "daemon") for pid in self.pids if _alive(pid)]
        for entry in os.listdir("/proc"):
            if not entry.isdigit() or int(entry) == os.getpid():
                continue
            try:
                with open(f"/proc/{entry}/environ", "rb") as f:
                    environ = f.read().split(b"\0")
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmdline = f.read().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if f"SLURM_CONF={self.conf}".encode() in environ and any(e.startswith(b"SLURM_JOB_ID=") for e in environ):
                found.append((int(entry), cmdline))
        return found

    # --- jobs -----------------------------------------------------------
    def sbatch(self, template, args, options=(), env=None):
        """Submits scripts/slurm/<template>; returns the job id (array: the array's id)."""
        cmd = ["sbatch", "--parsable", f"--chdir={self.work}"] + list(options) + \
              [os.path.join(TEMPLATES, template)] + list(args)
        out = run(cmd, timeout=30, env=dict(self.env, **(env or {}))).stdout.strip()
        return out.split(";")[0]

    def jobs(self, job_id):
        """`scontrol show job -o`, one dict per job (several for an array)."""
        proc = run(["scontrol", "show", "job", "-o", str(job_id)], timeout=15, env=self.env)
        return [dict(re.findall(r"(\w+)=(\S*)", line)) for line in proc.stdout.splitlines() if line.strip()]

    def wait(self, job_id, timeout, until=None):
        """Waits until every job of `job_id` is in a final state (or `until(jobs)` is true)."""
        deadline = time.time() + timeout
        jobs = []
        while time.time() < deadline:
            jobs = self.jobs(job_id)
            if until is not None and until(jobs):
                return jobs
            if until is None and jobs and all(j["JobState"] in FINAL_STATES for j in jobs):
                return jobs
            time.sleep(0.5)
        raise AssertionError(f"job {job_id} not done after {timeout} s: "
                             f"{[(j.get('JobId'), j.get('JobState'), j.get('Reason')) for j in jobs]}\n"
                             f"{self.logs()}")

    def signal_batch(self, job_id, signal):
        """scancel --batch --signal: the batch shell only, as the templates expect."""
        run(["scancel", "--batch", f"--signal={signal}", str(job_id)], timeout=15, env=self.env)

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def read(self, name):
        with open(self.path(name)) as f:
            return f.read()

    def logs(self):
        """The tail of every daemon log, for failure messages."""
        folder = os.path.join(self.dir, "cluster", "log")
        text = ""
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), errors="replace") as f:
                text += f"--- {name}\n" + "".join(f.readlines()[-15:])
        return text


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie is not alive.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False
