"""The time-limit cycle of the templates: Slurm's warning signal before the time
limit (--signal=B:USR1@55 with --time=1) stops the master cleanly, the job
requeues itself, and its next start resumes the same run file to the end.

The run uses the synthetic backend (each evaluation sleeps 1 s in the sandbox)
so that it reliably outlasts the first warning whatever the machine's load,
without taking the CPU from other tests. Slurm checks time limits every 30 s,
so the warning comes 5 to 35 s after a start.
"""
import os
import sys
import unittest

import h5py

sys.path.insert(0, os.path.dirname(__file__))
import slurm_test_support as s  # noqa: E402


class RequeueTest(unittest.TestCase):
    def test_time_limit_warning_requeues_and_resumes(self):
        with s.Cluster(nodes=1, cpus=8) as c:
            config = s.write_config(c.path("long.json"), {
                "backend": "synthetic", "simulator": "cost:1.0",
                "problems": {"set": "bench", "ids": [0, 1, 2]}, "models": ["offline"],
                "search": {"iterations": 4, "beam_size": 2, "plans_per_candidate": 2, "impls_per_plan": 2,
                           "menu_keep_probability": 1.0, "seed": 5},
                "output": {"scratch_dir": c.path("scratch"), "flush_seconds": 0.5}})
            run_file = c.path("runs", "long.h5")
            job_id = c.sbatch("autocomp-node.sbatch", [config, run_file],
                              ["--ntasks=3", "--cpus-per-task=1", "--time=1", "--signal=B:USR1@55",
                               "--output=job.out"])
            [job] = c.wait(job_id, timeout=200)
            log = c.read("job.out")
            self.assertEqual((job["JobState"], job["ExitCode"]), ("COMPLETED", "0:0"), log)
            restarts = int(job["Restarts"])
            self.assertGreaterEqual(restarts, 1, "the job requeued itself before its time limit\n" + log)
            self.assertNotIn("DUE TO TIME LIMIT", log, "no start ran into the time limit")
            self.assertEqual(log.count("SIGUSR1: asking the master"), restarts, log)
            self.assertEqual(log.count("requeueing job"), restarts, log)
            self.assertEqual(log.count("resuming " + run_file), restarts, log)

            # Every start but the last ended with the master's clean stop (exit 5).
            ends = [e for e in s.json_events(log) if e.get("event") == "end"]
            self.assertEqual([e["status"] for e in ends], ["stopped"] * restarts + ["finished"], log)

            final = s.report(run_file)
            self.assertEqual(final["run"]["status"], "finished")
            self.assertEqual(final["run"]["sessions"], restarts + 1)
            for p in final["problems"]:
                self.assertEqual(p["state"], "done")
                self.assertNotIn("pending", p["candidates_by_status"])

            # What the first session recorded is what the file says it measured: nothing redone.
            first_measured = s.measured(ends[0]["report"])
            self.assertGreater(first_measured, 0)
            with h5py.File(run_file, "r") as f:
                sessions = [int(r["session"]) for n in ("0", "1", "2")
                            for r in f[f"problems/synthetic/bench/{n}/candidates"][:]]
            self.assertEqual(sessions.count(0), first_measured)
            self.assertGreater(sessions.count(restarts), 0, "the last session measured what was left")


if __name__ == "__main__":
    s.skip_unless_slurm()
    unittest.main(verbosity=2)
