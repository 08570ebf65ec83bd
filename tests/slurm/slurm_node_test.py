"""autocomp-node.sbatch on the demo config: a clean stop on SIGTERM to the batch
shell (exit 5, no requeue), then the same submission resumes the run to its end."""
import json
import os
import sys
import time
import unittest

import h5py

sys.path.insert(0, os.path.dirname(__file__))
import slurm_test_support as s  # noqa: E402


class NodeTemplateTest(unittest.TestCase):
    def test_demo_stops_on_term_and_resumes_when_resubmitted(self):
        with s.Cluster(nodes=1, cpus=8) as c:
            # The demo config, with the scratch space in the test's folder (the
            # output section is the one part a resume may change).
            with open(os.path.join(s.SOURCE_DIR, "examples", "demo.json")) as f:
                demo = json.load(f)
            demo["output"] = {"scratch_dir": c.path("scratch")}
            config = s.write_config(c.path("demo.json"), demo)
            run_file = c.path("runs", "demo.h5")
            options = ["--ntasks=3", "--cpus-per-task=1", "--output=first-%j.out"]

            first = c.sbatch("autocomp-node.sbatch", [config, run_file], options)

            # Stop it once results flow: the batch shell forwards SIGTERM to the master only.
            def has_results(_jobs):
                try:
                    return c.read(f"first-{first}.out").count('"event":"result"') >= 5
                except FileNotFoundError:
                    return False
            c.wait(first, timeout=120, until=has_results)
            c.signal_batch(first, "TERM")
            stopped_at = time.time()
            [job] = c.wait(first, timeout=60)
            stop_seconds = time.time() - stopped_at
            log = c.read(f"first-{first}.out")
            self.assertEqual(job["JobState"], "FAILED", log)
            self.assertEqual(job["ExitCode"], "5:0", "the job ends with autocomp's exit code 5 (stopped)")
            self.assertEqual(job["Restarts"], "0", "SIGTERM does not requeue")
            self.assertIn("SIGTERM: asking the master", log)
            self.assertLess(stop_seconds, 25, "only the master is signalled; it stops without waiting for workers")
            self.assertNotIn("did not acknowledge the shutdown", log)
            layout = [line for line in log.splitlines() if line.startswith("layout: ")]
            self.assertEqual(len(layout), 3, log)
            stopped = s.report(run_file)
            self.assertEqual(stopped["run"]["status"], "stopped")
            self.assertEqual(stopped["run"]["sessions"], 1)
            measured_first = s.measured(stopped)
            self.assertGreaterEqual(measured_first, 5)

            # The same submission again: the template sees the run file and resumes.
            second = c.sbatch("autocomp-node.sbatch", [config, run_file],
                              ["--ntasks=3", "--cpus-per-task=1", "--output=second-%j.out"])
            [job] = c.wait(second, timeout=150)
            log = c.read(f"second-{second}.out")
            self.assertEqual((job["JobState"], job["ExitCode"]), ("COMPLETED", "0:0"), log)
            self.assertIn(f"resuming {run_file} (stopped)", log)
            final = s.report(run_file)
            self.assertEqual(final["run"]["status"], "finished")
            self.assertEqual(final["run"]["sessions"], 2)
            [problem] = final["problems"]
            self.assertEqual(problem["state"], "done")
            self.assertGreater(problem["speedup"], 1.0)
            self.assertNotIn("pending", problem["candidates_by_status"])

            with h5py.File(run_file, "r") as f:
                rows = f["problems/cpu/gemm/0/candidates"][:]
                workers = f["workers"][:]
            by_session = [sum(1 for r in rows if int(r["session"]) == k) for k in (0, 1)]
            self.assertEqual(by_session[0], measured_first, "results of the stopped session are kept, none redone")
            self.assertGreater(by_session[1], 0)
            self.assertEqual(sorted(int(w["session"]) for w in workers), [0, 0, 1, 1], "2 workers per session")

            # A third submission finds the run finished and starts no session.
            third = c.sbatch("autocomp-node.sbatch", [config, run_file], ["--ntasks=3", "--output=third-%j.out"])
            [job] = c.wait(third, timeout=60)
            log = c.read(f"third-{third}.out")
            self.assertEqual(job["ExitCode"], "0:0", log)
            self.assertIn("is finished already", log)
            self.assertEqual(s.report(run_file)["run"]["sessions"], 2)

    def test_workers_share_all_cores_of_the_node(self):
        # Slurm binding tasks to cores (task/affinity, as on clusters) would leave
        # each worker only its own task's cores; the template unbinds the ranks and
        # autocomp deals the node's cores out itself. Needs 2 real cores.
        cores = sorted(os.sched_getaffinity(0))
        if len(cores) < 2:
            self.skipTest("needs 2 cores")
        with s.Cluster(nodes=1, cpus=2, bind=True) as c:
            config = s.write_config(c.path("small.json"), s.small_cpu_config(c.path("scratch")))
            run_file = c.path("small.h5")
            job_id = c.sbatch("autocomp-node.sbatch", [config, run_file],
                              ["--ntasks=2", "--cpus-per-task=1", "--output=bind.out"])
            [job] = c.wait(job_id, timeout=120)
            log = c.read("bind.out")
            self.assertEqual(job["ExitCode"], "0:0", log)
            every = f"{cores[0]}-{cores[1]}"
            self.assertEqual([line.split(" cpus ")[1].split()[0] for line in log.splitlines()
                              if line.startswith("layout: ")], [every, every], log)
            with h5py.File(run_file, "r") as f:
                [worker] = f["workers"][:]
            self.assertEqual(worker["resource"].decode(), f"cores {every}", "the one worker owns both cores")


if __name__ == "__main__":
    s.skip_unless_slurm()
    unittest.main(verbosity=2)
