"""A worker whose backend version differs from the master's is refused at HELLO, naming it.

The version keys result reuse and resume: results measured with another toolchain or harness
must never be stored under the master's key. Here the worker ranks read their trusted files
from a copy of the checkout whose cpu harness differs by one comment (MPMD mpirun: one
AUTOCOMP_HOME for rank 0, another for ranks 1-2); the run stops before anything is written.
"""
import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import autocomp_test_support as t  # noqa: E402


def copy_home(dst):
    for part in ("sols", "prompts", "backends"):
        shutil.copytree(os.path.join(t.SOURCE_DIR, part), os.path.join(dst, part),
                        ignore=shutil.ignore_patterns("*.o", "build"))
    harness = os.path.join(dst, "backends", "cpu", "harness")
    first = sorted(f for f in os.listdir(harness) if f.endswith((".c", ".h")))[0]
    with open(os.path.join(harness, first), "a") as f:
        f.write("\n/* a different harness: another backend version */\n")


class VersionMismatchTest(unittest.TestCase):
    def test_mismatched_worker_is_refused(self):
        with t.Workdir() as work:
            other = os.path.join(work, "other-home")
            copy_home(other)
            config = t.write_config(os.path.join(work, "c.json"), search={"iterations": 1, "beam_size": 1,
                                                                          "plans_per_candidate": 1, "impls_per_plan": 1})
            run_file = os.path.join(work, "run.h5")
            base = [t.MPIRUN, "--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
            args = ["run", config, "--out", run_file]
            cmd = base + ["-np", "1", "-x", "AUTOCOMP_HOME=" + t.SOURCE_DIR, t.AUTOCOMP] + args + \
                [":", "-np", "2", "-x", "AUTOCOMP_HOME=" + other, t.AUTOCOMP] + args
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            out = proc.stdout + proc.stderr
            self.assertEqual(proc.returncode, 4, out[-3000:])
            self.assertRegex(out, r"worker rank [12] on \S+ has backend version 'cpu-[^']+', the master has 'cpu-")
            self.assertIn("would not be comparable", out)
            self.assertFalse(os.path.exists(run_file), "nothing is recorded from a refused start")

    def test_matching_workers_run(self):
        with t.Workdir() as work:
            config = t.write_config(os.path.join(work, "c.json"), search={"iterations": 1, "beam_size": 1,
                                                                          "plans_per_candidate": 1, "impls_per_plan": 1})
            run_file = os.path.join(work, "run.h5")
            proc = subprocess.run(t.mpirun_command(3, "run", config, "--out", run_file), capture_output=True,
                                  text=True, timeout=300)
            self.assertEqual(proc.returncode, 0, (proc.stdout + proc.stderr)[-3000:])


if __name__ == "__main__":
    unittest.main()
