"""autocomp-gpu.sbatch's placement on two nodes with two GPUs each: the master and
one worker per GPU on the first node, one worker per GPU on the second.

The nodes are two slurmd on this host and the GPUs are fake (GRES backed by
/dev/null's device number): Slurm schedules them and sets CUDA_VISIBLE_DEVICES,
and the run itself uses the cpu backend. Real GPUs are not tested here.
"""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
import slurm_test_support as s  # noqa: E402


class GpuTemplateTest(unittest.TestCase):
    def test_one_worker_per_gpu_and_the_master_on_the_first_node(self):
        with s.Cluster(nodes=2, cpus=4, gpus=2) as c:
            config = s.write_config(c.path("small.json"), s.small_cpu_config(c.path("scratch")))
            run_file = c.path("runs", "gpu.h5")
            # Both "nodes" share one host: Open MPI's shared-memory transport would mix
            # them up, so the ranks talk over TCP here (not needed on real nodes).
            job_id = c.sbatch("autocomp-gpu.sbatch", [config, run_file],
                              ["--nodes=2", "--gpus-per-node=2", "--output=gpu.out"],
                              env={"OMPI_MCA_btl": "self,tcp"})
            [job] = c.wait(job_id, timeout=150)
            log = c.read("gpu.out")
            self.assertEqual((job["JobState"], job["ExitCode"]), ("COMPLETED", "0:0"), log)

            layout = re.findall(r"^layout: rank (\d+) node (\S+) local (\d+) cpus (\S+) gpus (\S+)$", log, re.M)
            self.assertEqual([(int(r), n, int(l), g) for r, n, l, _, g in layout],
                             [(0, "ac1", 0, "0,1"), (1, "ac1", 1, "0,1"), (2, "ac1", 2, "0,1"),
                              (3, "ac2", 0, "0,1"), (4, "ac2", 1, "0,1")], log)

            result = s.report(run_file)
            self.assertEqual(result["run"]["status"], "finished")
            self.assertEqual(result["problems"][0]["state"], "done")
            start = [e for e in s.json_events(log) if e.get("event") == "start"]
            self.assertEqual(start[0]["workers"], 4, "one worker per GPU")

    def test_refuses_a_job_without_gpus(self):
        with s.Cluster(nodes=1, cpus=4) as c:
            config = s.write_config(c.path("small.json"), s.small_cpu_config(c.path("scratch")))
            job_id = c.sbatch("autocomp-gpu.sbatch", [config, c.path("gpu.h5")],
                              ["--nodes=1", "--gpus-per-node=0", "--output=nogpu.out"])
            [job] = c.wait(job_id, timeout=60)
            self.assertEqual(job["ExitCode"], "2:0")
            self.assertIn("no GPUs in this job", c.read("nogpu.out"))


if __name__ == "__main__":
    s.skip_unless_slurm()
    unittest.main(verbosity=2)
