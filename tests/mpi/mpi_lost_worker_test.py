"""A worker rank that stops answering (SIGSTOP) is declared lost; its work goes to the others and the run finishes."""
import os
import signal
import subprocess
import sys
import time
import unittest

import h5py

sys.path.insert(0, os.path.dirname(__file__))
import autocomp_test_support as t  # noqa: E402


def rank_pids(marker):
    """MPI rank -> pid for the autocomp processes whose command line mentions `marker`."""
    ranks = {}
    for pid, cmdline in t.processes_mentioning(marker):
        if "autocomp" not in cmdline or "mpirun" in cmdline:
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)
        except OSError:
            continue
        if b"OMPI_COMM_WORLD_RANK" in env:
            ranks[int(env[b"OMPI_COMM_WORLD_RANK"])] = pid
    return ranks


class LostWorkerTest(unittest.TestCase):
    def test_silent_worker_is_replaced(self):
        with t.Workdir() as work:
            config = t.write_config(
                os.path.join(work, "lost.json"), backend="synthetic", simulator="cost:0.3",
                problems={"set": "bench", "ids": [0, 1]},
                search={"iterations": 2, "beam_size": 2, "plans_per_candidate": 3, "impls_per_plan": 2,
                        "menu_keep_probability": 1.0, "seed": 4},
                eval={"build_threads": 1},
                workers={"heartbeat_s": 0.5, "lost_after_s": 3},
                output={"flush_seconds": 0.5})
            run_file = os.path.join(work, "lost.h5")
            proc = subprocess.Popen(t.mpirun_command(4, "run", config, "--out", run_file, "--json-progress"),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            stopped = None
            try:
                deadline = time.time() + 60
                while stopped is None and time.time() < deadline:
                    ranks = rank_pids(config)
                    if 2 in ranks:
                        time.sleep(1.0)  # let it take some work first
                        os.kill(ranks[2], signal.SIGSTOP)
                        stopped = ranks[2]
                    else:
                        time.sleep(0.2)
                self.assertIsNotNone(stopped, "worker rank 2 never appeared")
                out, err = proc.communicate(timeout=180)
            finally:
                if stopped:
                    try:
                        os.kill(stopped, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                if proc.poll() is None:
                    proc.kill()
            self.assertIn("worker rank 2", err)
            self.assertIn("declared lost", err)
            events = t.json_events(out)
            self.assertEqual(events[-1]["event"], "end")
            self.assertEqual(events[-1]["status"], "finished")
            with h5py.File(run_file, "r") as f:
                self.assertEqual(f.attrs["status"], "finished")
                for problem in ("0", "1"):
                    rows = f[f"problems/synthetic/bench/{problem}/candidates"][:]
                    self.assertTrue(all(r["status"] != b"pending" for r in rows), "every candidate was evaluated")
            self.assertEqual(t.wait_until_gone(config), [], "no rank is left behind")


if __name__ == "__main__":
    unittest.main(verbosity=2)
