"""The autocomp binary's subcommands where they evaluate, search or launch mpirun: exit codes and messages."""
import json
import os
import subprocess
import sys
import unittest

import h5py

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "mpi"))
import autocomp_test_support as t  # noqa: E402

# Exit codes (docs/cli.md).
OK, FAILED, USAGE, DATALOSS, ENVIRONMENT, STOPPED = 0, 1, 2, 3, 4, 5


def autocomp(*args):
    return subprocess.run([t.AUTOCOMP] + list(args), capture_output=True, text=True, timeout=300)


class CliRunsTest(unittest.TestCase):
    def test_bad_config_under_mpirun_stops_every_rank(self):
        with t.Workdir() as work:
            path = t.write_config(os.path.join(work, "bad.json"), problems={"set": "gemm", "ids": [42]})
            proc = subprocess.run(t.mpirun_command(3, "run", path, "--out", os.path.join(work, "x.h5")),
                                  capture_output=True, text=True, timeout=120)
            self.assertNotEqual(proc.returncode, OK)
            self.assertIn("cpu/gemm has no problem 42", proc.stderr + proc.stdout)

    def test_eval_prints_json_and_exit_code(self):
        with t.Workdir() as work:
            good = autocomp("eval", "gemm/4", os.path.join(t.SOURCE_DIR, "sols/cpu/gemm/baseline.c"), "--repeats", "2")
            self.assertEqual(good.returncode, OK, good.stderr)
            result = json.loads(good.stdout)
            self.assertEqual(result["status"], "ok")
            self.assertEqual(result["problem"], "cpu/gemm/4")
            self.assertEqual(result["metrics"]["repeats"], 2)
            self.assertGreater(result["score"], 0)
            wrong = os.path.join(work, "wrong.c")
            with open(wrong, "w") as f:
                f.write("void gemm(int M, int N, int K, const float* A, const float* B, float* C) {"
                        " for (int i = 0; i < M * N; ++i) C[i] = 1.0f; }\n")
            bad = autocomp("eval", "cpu/gemm/4", wrong)
            self.assertEqual(bad.returncode, FAILED)
            self.assertEqual(json.loads(bad.stdout)["status"], "wrong_answer")
            self.assertNotIn("score", json.loads(bad.stdout))
            missing = autocomp("eval", "gemm/4", os.path.join(work, "nope.c"))
            self.assertEqual(missing.returncode, USAGE)
            self.assertIn("cannot read", missing.stderr)

    def test_resume_refuses_a_different_config(self):
        with t.Workdir() as work:
            config = t.write_config(os.path.join(work, "a.json"),
                                    search={"iterations": 0, "beam_size": 1, "plans_per_candidate": 1,
                                            "impls_per_plan": 1})
            out = os.path.join(work, "a.h5")
            self.assertEqual(autocomp("run", config, "--out", out, "--json-progress").returncode, OK)
            other = t.write_config(os.path.join(work, "b.json"), search={"iterations": 5})
            proc = autocomp("run", other, "--resume", out)
            self.assertEqual(proc.returncode, USAGE)
            self.assertIn("differs from the config stored in", proc.stderr)
            same = autocomp("run", config, "--resume", out, "--json-progress")
            self.assertEqual(same.returncode, OK, same.stderr)


    def test_final_check_covers_identical_copies(self):
        """The end-of-run re-verification of the best also settles its identical copies (reused results)."""
        with t.Workdir() as work:
            config = t.write_config(os.path.join(work, "syn.json"), backend="synthetic", simulator="cost:0",
                                    problems={"set": "bench", "ids": [0, 1, 2, 3]},
                                    search={"iterations": 3, "beam_size": 2, "plans_per_candidate": 3,
                                            "impls_per_plan": 2, "menu_keep_probability": 1.0, "seed": 4})
            out = os.path.join(work, "syn.h5")
            self.assertEqual(autocomp("run", config, "--out", out, "--json-progress").returncode, OK)
            copies = 0
            with h5py.File(out, "r") as f:
                for problem in f["problems/synthetic/bench"].values():
                    rows = problem["candidates"][:]
                    best = rows[problem.attrs["best_candidate"]]
                    self.assertIn('"final"', best["metrics"].decode(), "the best was re-verified")
                    for r in rows:
                        if r["code_key"] != best["code_key"] or r["id"] == best["id"]:
                            continue
                        copies += 1
                        self.assertIn('"final"', r["metrics"].decode(), f"copy {r['id']} carries the check")
                        self.assertEqual(r["score"], best["score"])
            self.assertGreater(copies, 0, "this search makes identical copies of a best candidate")

if __name__ == "__main__":
    unittest.main(verbosity=2)
