"""SIGKILL the master of `mpirun -np 3 autocomp run` mid-way; `--resume` loses and re-measures nothing."""
import os
import signal
import subprocess
import sys
import time
import unittest

import h5py

sys.path.insert(0, os.path.dirname(__file__))
import autocomp_test_support as t  # noqa: E402


class KillResumeTest(unittest.TestCase):
    def test_killed_master_resumes_with_nothing_lost(self):
        with t.Workdir() as work:
            scratch = os.path.join(work, "scratch")
            config = t.write_config(
                os.path.join(work, "kill.json"),
                problems=[{"set": "gemm", "ids": [3, 4]}],
                search={"iterations": 3, "beam_size": 2, "plans_per_candidate": 3, "impls_per_plan": 2,
                        "menu_keep_probability": 1.0, "seed": 11},
                eval={"repeats": 5, "warmup": 1},
                output={"scratch_dir": scratch, "flush_seconds": 0.2})
            run_file = os.path.join(work, "kill.h5")
            proc = subprocess.Popen(t.mpirun_command(3, "run", config, "--out", run_file, "--json-progress"),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            master_pid, results = None, 0
            deadline = time.time() + 240
            for line in proc.stdout:
                events = t.json_events(line)
                if not events:
                    continue
                e = events[0]
                if e["event"] == "start":
                    master_pid = e["pid"]
                if e["event"] == "result":
                    results += 1
                if master_pid and results >= 12:
                    break
                self.assertLess(time.time(), deadline, "the run never got going")
            self.assertIsNotNone(master_pid)
            os.kill(master_pid, signal.SIGKILL)
            proc.wait(timeout=120)
            self.assertNotEqual(proc.returncode, 0)
            self.assertEqual(t.wait_until_gone(scratch), [], "candidates outlived the job")
            self.assertEqual(t.wait_until_gone(run_file), [], "ranks outlived the job")
            self.assertTrue(os.path.exists(run_file + ".journal"), "the journal survives a SIGKILL")

            # `report` reads the journal of a run that died.
            before = t.report(run_file)
            self.assertEqual(before["run"]["status"], "running")
            with_results = 0
            for p in before["problems"]:
                with_results += sum(n for s, n in p["candidates_by_status"].items() if s != "pending")
            self.assertGreaterEqual(with_results, 12, "every result printed before the kill was recorded")

            # Resume and finish.
            t.run(t.mpirun_command(3, "run", "--resume", run_file, "--json-progress"), timeout=400)
            after = t.report(run_file)
            self.assertEqual(after["run"]["status"], "finished")
            self.assertEqual(after["run"]["sessions"], 2)
            for p in after["problems"]:
                self.assertEqual(p["state"], "done")
                self.assertNotIn("pending", p["candidates_by_status"])

            done_before = {}
            with h5py.File(run_file, "r") as f:
                for problem in ("3", "4"):
                    rows = f[f"problems/cpu/gemm/{problem}/candidates"][:]
                    for r in rows:
                        done_before[(problem, int(r["id"]))] = (int(r["session"]), r["status"].decode(),
                                                                 float(r["score"]))
            measured_first = [k for k, v in done_before.items() if v[0] == 0]
            measured_second = [k for k, v in done_before.items() if v[0] == 1]
            self.assertEqual(len(measured_first), with_results,
                             "results of the killed session are kept as they were, none measured again")
            self.assertGreater(len(measured_second), 0)
            self.assertFalse(os.path.exists(run_file + ".journal"))


    def test_sigterm_stops_cleanly_and_resume_finishes(self):
        with t.Workdir() as work:
            config = t.write_config(
                os.path.join(work, "term.json"), backend="synthetic", simulator="cost:0.2",
                problems={"set": "bench", "ids": [2, 3]},
                search={"iterations": 3, "beam_size": 2, "plans_per_candidate": 2, "impls_per_plan": 2,
                        "menu_keep_probability": 1.0, "seed": 9})
            run_file = os.path.join(work, "term.h5")
            proc = subprocess.Popen(t.mpirun_command(3, "run", config, "--out", run_file, "--json-progress"),
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            master_pid, results = None, 0
            for line in proc.stdout:
                for e in t.json_events(line):
                    master_pid = e.get("pid", master_pid)
                    results += e["event"] == "result"
                if master_pid and results >= 5:
                    break
            os.kill(master_pid, signal.SIGTERM)
            proc.communicate(timeout=120)
            self.assertEqual(proc.returncode, 5, "exit code 5: stopped, resume to continue")
            self.assertFalse(os.path.exists(run_file + ".journal"), "a clean stop closes the run file")
            with h5py.File(run_file, "r") as f:
                self.assertEqual(f.attrs["status"], "stopped")
                self.assertIn("--resume", f.attrs["stop_reason"])
            t.run(t.mpirun_command(3, "run", "--resume", run_file, "--json-progress"))
            after = t.report(run_file)
            self.assertEqual(after["run"]["status"], "finished")
            self.assertEqual(after["run"]["sessions"], 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
