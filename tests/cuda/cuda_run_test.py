"""`autocomp run` with the cuda backend on CPU tensors, for real, under `mpirun -np 3` (a master and
two workers, each with its own judge and candidate host): the offline proposer's tiled kernel
improves ops/1 (matmul, CI size) over PyTorch's eager code (3x on the development VM), the worker ranks measure, and every result
is in the run file (read back with h5py).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py

AUTOCOMP = os.environ["AUTOCOMP_BIN"]
SOURCE_DIR = os.environ["AUTOCOMP_SOURCE_DIR"]
MPIRUN = os.environ.get("AUTOCOMP_MPIRUN") or "mpirun"


class CudaRunTest(unittest.TestCase):
    def test_offline_search_improves_matmul_under_mpirun(self):
        tmp = tempfile.mkdtemp(prefix="autocomp-cuda-run-")
        self.addCleanup(shutil.rmtree, tmp, True)
        os.chmod(tmp, 0o755)
        run_file = os.path.join(tmp, "cuda.h5")
        config = os.path.join(tmp, "cuda.json")
        with open(config, "w") as f:
            json.dump({"backend": "cuda",
                       "backend_options": {"size": "ci", "timed_trials": 40, "warmup_trials": 3, "memory_gb": 4},
                       "problems": {"set": "ops", "ids": [1]}, "models": ["offline"],
                       "search": {"iterations": 2, "beam_size": 2, "plans_per_candidate": 2, "impls_per_plan": 1,
                                  "menu_keep_probability": 1.0, "seed": 3},
                       "output": {"path": run_file}}, f)
        cmd = [MPIRUN, "-np", "3", "--oversubscribe"] + (["--allow-run-as-root"] if os.geteuid() == 0 else [])
        env = dict(os.environ, TMPDIR=tmp, AUTOCOMP_HOME=SOURCE_DIR)
        proc = subprocess.run(cmd + [AUTOCOMP, "run", config, "--json-progress"], capture_output=True, text=True,
                              timeout=800, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        events = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
        end = [e for e in events if e.get("event") == "end"][-1]
        problem = end["report"]["problems"][0]
        self.assertGreater(problem["speedup"], 1.2, problem)
        self.assertIn("eager", problem["speedup_over"], "the eager reference was timed beside it")
        figures = end["report"]["reference_figures"]["eager"]
        self.assertEqual(figures["problems"], 1)
        self.assertEqual(figures["fast_0"], 1.0)
        self.assertTrue(problem["verified"], problem)
        workers = {e.get("worker") for e in events if e.get("event") == "result" and not e.get("reused")}
        self.assertTrue(workers and workers <= {1, 2}, f"measured by the worker ranks, not the master: {workers}")

        with h5py.File(run_file, "r") as f:
            rows = f["problems/cuda/ops/1/candidates"][:]
            statuses = [r["status"].decode() for r in rows]
            self.assertNotIn("infra_error", statuses)
            best = min((r for r in rows if r["status"] == b"ok"), key=lambda r: r["score"])
            self.assertIn(b"load_inline", best["code"])
            self.assertEqual(json.loads(f.attrs["config_json"])["backend"], "cuda")
            metrics = json.loads(best["metrics"])
            self.assertEqual(metrics["device"], "cpu")
            self.assertGreaterEqual(metrics["checked_calls"], 5)


if __name__ == "__main__":
    unittest.main(verbosity=2)
