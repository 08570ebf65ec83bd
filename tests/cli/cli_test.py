"""The autocomp binary's subcommands: documented exit codes, errors that name what is wrong.

The fast checks (ctest -L unit): nothing here searches or launches mpirun; those are in
cli_runs_test.py.
"""
import json
import os
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "mpi"))
import autocomp_test_support as t  # noqa: E402

# Exit codes (docs/cli.md).
OK, FAILED, USAGE, DATALOSS, ENVIRONMENT, STOPPED = 0, 1, 2, 3, 4, 5


def autocomp(*args):
    return subprocess.run([t.AUTOCOMP] + list(args), capture_output=True, text=True, timeout=300)


class CliTest(unittest.TestCase):
    def test_help_for_each_subcommand(self):
        for sub in ("run", "eval", "problems", "report"):
            proc = autocomp(sub, "--help")
            self.assertEqual(proc.returncode, OK, sub)
            self.assertIn("Usage", proc.stdout + proc.stderr)
        self.assertEqual(autocomp().returncode, USAGE)
        self.assertEqual(autocomp("frobnicate").returncode, USAGE)

    def test_problems_lists_shapes(self):
        proc = autocomp("problems", "cpu")
        self.assertEqual(proc.returncode, OK)
        self.assertIn("cpu/gemm/0             gemm M=512 N=512 K=512", proc.stdout)
        listed = json.loads(autocomp("problems", "cpu", "--json").stdout)
        self.assertIn({"problem": "cpu/softmax/0", "description": "softmax rows=4096 cols=1024"}, listed)
        bad = autocomp("problems", "tpu")
        self.assertEqual(bad.returncode, USAGE)
        self.assertIn("unknown backend 'tpu' (known: cpu", bad.stderr)

    def test_bad_configs_name_file_and_key(self):
        with t.Workdir() as work:
            cases = [
                ({"search": {"beam_size": 0}}, "search.beam_size: must be an integer from 1 to 1000"),
                ({"serch": {}}, "serch: unknown key"),
                ({"backend": "tpu"}, "backend: unknown backend 'tpu'"),
                ({"problems": {"set": "gemm", "ids": [99]}}, "problems: cpu/gemm has no problem 99 (known: 0, 1, 2, 3, 4, 5)"),
                ({"problems": {"set": "fft", "ids": "all"}}, "has no problem set 'fft'"),
            ]
            for i, (override, message) in enumerate(cases):
                path = t.write_config(os.path.join(work, f"bad{i}.json"), **override)
                proc = autocomp("run", path, "--out", os.path.join(work, f"bad{i}.h5"))
                self.assertEqual(proc.returncode, USAGE, proc.stderr)
                self.assertIn(path, proc.stderr)
                self.assertIn(message, proc.stderr)
                self.assertFalse(os.path.exists(os.path.join(work, f"bad{i}.h5")), "nothing written on a bad config")
            not_json = os.path.join(work, "broken.json")
            with open(not_json, "w") as f:
                f.write("{ not json")
            proc = autocomp("run", not_json)
            self.assertEqual(proc.returncode, USAGE)
            self.assertIn(not_json + ": not valid JSON", proc.stderr)

    def test_existing_run_file_is_not_overwritten(self):
        with t.Workdir() as work:
            out = os.path.join(work, "exists.h5")
            with open(out, "w") as f:
                f.write("precious")
            proc = autocomp("run", t.write_config(os.path.join(work, "c.json")), "--out", out)
            self.assertEqual(proc.returncode, USAGE)
            self.assertIn("already exists; continue it with --resume", proc.stderr)
            with open(out) as f:
                self.assertEqual(f.read(), "precious")

    def test_eval_arguments_that_cannot_work_are_usage_errors(self):
        code = os.path.join(t.SOURCE_DIR, "sols/cpu/gemm/baseline.c")
        for repeats in ("0", "-3"):
            proc = autocomp("eval", "cpu/gemm/4", code, "--repeats", repeats)
            self.assertEqual(proc.returncode, USAGE, proc.stderr)
            self.assertIn("--repeats", proc.stderr)
        unknown = autocomp("eval", "tpu/gemm/0", code)
        self.assertEqual(unknown.returncode, USAGE, unknown.stderr)
        self.assertIn("unknown backend 'tpu' (known: cpu", unknown.stderr)
        with t.Workdir() as work:
            folder = autocomp("eval", "cpu/gemm/4", work)
            self.assertEqual(folder.returncode, USAGE, folder.stderr)
            self.assertIn("is a directory, not a code file", folder.stderr)

    def test_report_errors(self):
        with t.Workdir() as work:
            missing = autocomp("report", os.path.join(work, "none.h5"))
            self.assertEqual(missing.returncode, USAGE)
            self.assertIn("does not exist", missing.stderr)
            garbage = os.path.join(work, "garbage.h5")
            with open(garbage, "w") as f:
                f.write("not an HDF5 file")
            proc = autocomp("report", garbage)
            self.assertEqual(proc.returncode, DATALOSS)
            self.assertIn("is not an HDF5 file", proc.stderr)

    def test_llm_models_in_the_llm_section_are_refused(self):
        with t.Workdir() as work:
            config = t.write_config(os.path.join(work, "llm.json"), models=["openai/o3-mini"],
                                    llm={"models": ["openai/o3-mini"]})
            proc = autocomp("run", config, "--out", os.path.join(work, "llm.h5"))
            self.assertEqual(proc.returncode, USAGE)
            self.assertIn("llm.models: the ensemble is the top-level", proc.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
