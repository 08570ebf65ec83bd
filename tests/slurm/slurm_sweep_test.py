"""autocomp-sweep.sbatch: a job array with one task per problem set, each its own
run file; submitting the same array again skips the runs that are finished."""
import os
import sys
import unittest

import h5py

sys.path.insert(0, os.path.dirname(__file__))
import slurm_test_support as s  # noqa: E402


class SweepTemplateTest(unittest.TestCase):
    def test_array_runs_one_problem_set_per_task(self):
        with s.Cluster(nodes=1, cpus=8) as c:
            base = s.write_config(c.path("base.json"), s.small_cpu_config(c.path("scratch")))
            sets = ["gemm:4", "softmax:2", "conv2d:2"]
            runs = c.path("sweep")
            array = c.sbatch("autocomp-sweep.sbatch", [base, runs] + sets,
                             ["--array=0-2", "--ntasks=2", "--cpus-per-task=1", "--output=sweep-%A_%a.out"])
            tasks = c.wait(array, timeout=150)
            self.assertEqual(sorted(t["ArrayTaskId"] for t in tasks), ["0", "1", "2"])
            for t in tasks:
                self.assertEqual((t["JobState"], t["ExitCode"]), ("COMPLETED", "0:0"),
                                 c.read(f"sweep-{array}_{t['ArrayTaskId']}.out"))

            for spec in sets:
                set_name, ids = spec.split(":")
                run_file = os.path.join(runs, f"{set_name}-{ids}.h5")
                result = s.report(run_file)
                self.assertEqual(result["run"]["status"], "finished", run_file)
                self.assertEqual([p["problem"] for p in result["problems"]], [f"cpu/{set_name}/{ids}"])
                self.assertEqual(result["problems"][0]["state"], "done")
                with h5py.File(run_file, "r") as f:
                    self.assertEqual(list(f["problems/cpu"].keys()), [set_name], "only this task's problem set")

            # Again, e.g. after some tasks failed: finished runs are left as they are.
            again = c.sbatch("autocomp-sweep.sbatch", [base, runs] + sets,
                             ["--array=0-2", "--ntasks=2", "--output=again-%A_%a.out"])
            for t in c.wait(again, timeout=60):
                log = c.read(f"again-{again}_{t['ArrayTaskId']}.out")
                self.assertEqual(t["ExitCode"], "0:0", log)
                self.assertIn("is finished already", log)
            self.assertEqual(s.report(os.path.join(runs, "gemm-4.h5"))["run"]["sessions"], 1)

            # A task without a problem set says so.
            extra = c.sbatch("autocomp-sweep.sbatch", [base, runs] + sets, ["--array=3", "--output=extra.out"])
            [t] = c.wait(extra, timeout=60)
            self.assertEqual(t["ExitCode"], "2:0", c.read("extra.out"))
            self.assertIn("array task 3 has no problem set (3 given: gemm:4 softmax:2 conv2d:2)", c.read("extra.out"))

    def test_requeue_of_one_task_leaves_the_others_running(self):
        # One array task's own job id is also the array's id; a requeue must name the task.
        with s.Cluster(nodes=1, cpus=8) as c:
            base = s.write_config(c.path("base.json"), {
                "backend": "synthetic", "simulator": "cost:0.5", "problems": {"set": "bench", "ids": [0]},
                "models": ["offline"], "output": {"scratch_dir": c.path("scratch")},
                "search": {"iterations": 3, "beam_size": 2, "plans_per_candidate": 2, "impls_per_plan": 2,
                           "menu_keep_probability": 1.0, "seed": 5}})
            runs = c.path("sweep")
            array = c.sbatch("autocomp-sweep.sbatch", [base, runs, "bench:3", "bench:4"],
                             ["--array=0-1", "--ntasks=2", "--output=task-%a.out"])

            def both_started(_jobs):
                try:
                    return all('"event":"start"' in c.read(f"task-{i}.out") for i in (0, 1))
                except FileNotFoundError:
                    return False
            tasks = c.wait(array, timeout=60, until=both_started)
            [same] = [t for t in tasks if t["JobId"] == t["ArrayJobId"]]
            c.signal_batch(f"{array}_{same['ArrayTaskId']}", "USR1")
            tasks = {t["ArrayTaskId"]: t for t in c.wait(array, timeout=120)}

            other = "1" if same["ArrayTaskId"] == "0" else "0"
            self.assertEqual(tasks[same["ArrayTaskId"]]["Restarts"], "1")
            self.assertEqual(tasks[other]["Restarts"], "0", c.read(f"task-{other}.out"))
            self.assertNotIn("SIGTERM", c.read(f"task-{other}.out"))
            for i, spec in (("0", "bench-3"), ("1", "bench-4")):
                self.assertEqual((tasks[i]["JobState"], tasks[i]["ExitCode"]), ("COMPLETED", "0:0"),
                                 c.read(f"task-{i}.out"))
                result = s.report(os.path.join(runs, spec + ".h5"))
                self.assertEqual(result["run"]["status"], "finished")
                self.assertEqual(result["run"]["sessions"], 2 if i == same["ArrayTaskId"] else 1)


if __name__ == "__main__":
    s.skip_unless_slurm()
    unittest.main(verbosity=2)
