"""The cuda judge against a host its candidate has taken over: whatever the host claims, the verdict
and the time come from the judge (backends/cuda/harness/cuda_judge.py, docs/cuda.md).

The judge is started for real (CPU device) and sent measure requests whose host command starts
forged_host.py in a given MODE instead of the real candidate host. Needs Debian's torch
(/usr/bin/python3) and AUTOCOMP_SOURCE_DIR.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

SOURCE_DIR = os.environ["AUTOCOMP_SOURCE_DIR"]
HARNESS = os.path.join(SOURCE_DIR, "backends", "cuda", "harness")
HERE = os.path.dirname(os.path.abspath(__file__))
PROBLEM = os.path.join(HERE, "data", "1_scale_rows.py")


class Judge:
    def __init__(self):
        env = dict(os.environ, AUTOCOMP_HARNESS=HARNESS)
        self.proc = subprocess.Popen([sys.executable, os.path.join(HARNESS, "cuda_judge.py"), "cpu"], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def measure(self, mode, tmp, **overrides):
        request = {
            "op": "measure", "problem": PROBLEM, "host_problem": PROBLEM, "sizes": {}, "candidate": "unused",
            "ext_dir": tmp, "rounds": 1, "correctness_trials": 3, "warmup_trials": 1, "timed_trials": 8,
            "sampled_checks": 3, "timeout_s": 20, "host_reuse": 1, "host_start_timeout_s": 60,
            "host_command": [sys.executable, os.path.join(HERE, "forged_host.py"), mode, os.path.join(tmp, "fifo")],
            "fifo_dir": os.path.join(tmp, "fifo"), "bandwidth_bytes_s": None, "atol": None, "rtol": None}
        request.update(overrides)
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.write('{"op": "quit"}\n')
        self.proc.stdin.flush()
        self.proc.wait(timeout=30)


class ForgedHostTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.judge = Judge()
        cls.tmp = tempfile.mkdtemp(prefix="autocomp-judge-test-")

    @classmethod
    def tearDownClass(cls):
        cls.judge.close()

    def verdict(self, mode, **overrides):
        return self.judge.measure(mode, self.tmp, **overrides)

    def test_honest_host_is_ok_and_timed_by_the_judge(self):
        v = self.verdict("honest_slow")  # 20 ms per call, reported truthfully
        self.assertEqual(v["status"], "ok", v)
        self.assertGreater(v["score"], 0.015, v)
        self.assertLess(v["score"], 0.2, v)
        self.assertEqual(v["metrics"]["trials"], 8)
        self.assertGreaterEqual(v["metrics"]["checked_calls"], 3 + 3)

    def test_a_forged_fast_clock_is_rejected(self):
        v = self.verdict("fast_clock")  # 20 ms of work reported as 1 microsecond
        self.assertEqual(v["status"], "rejected", v)
        self.assertIn("disagree with the judge's clock", v["message"])

    def test_an_inflated_report_is_cut_to_the_judges_clock(self):
        v = self.verdict("slow_report")  # reports 1000 s per call
        self.assertEqual(v["status"], "ok", v)
        self.assertLess(v["score"], 1.0, "the score is bounded by the elapsed time the judge saw")

    def test_wrong_outputs_are_wrong(self):
        v = self.verdict("wrong_output")
        self.assertEqual(v["status"], "wrong_answer", v)
        self.assertIn("elements differ", v["message"])

    def test_a_cached_output_fails_on_fresh_inputs(self):
        v = self.verdict("cached_output")
        self.assertEqual(v["status"], "wrong_answer", v)

    def test_modified_inputs_are_caught(self):
        v = self.verdict("modified_inputs")
        self.assertEqual(v["status"], "wrong_answer", v)
        self.assertIn("input 0 was modified", v["message"])

    def test_an_oversized_frame_breaks_the_protocol(self):
        v = self.verdict("garbage_frame")
        self.assertEqual(v["status"], "rejected", v)
        self.assertIn("protocol", v["message"])

    def test_a_description_that_does_not_fit_its_bytes_breaks_the_protocol(self):
        v = self.verdict("bad_description")
        self.assertEqual(v["status"], "rejected", v)

    def test_a_non_numeric_time_breaks_the_protocol(self):
        v = self.verdict("nan_ms")
        self.assertEqual(v["status"], "rejected", v)

    def test_a_dying_host_is_a_runtime_error_and_the_next_host_is_fresh(self):
        v = self.verdict("dies")
        self.assertEqual(v["status"], "runtime_error", v)
        self.assertIn("killed its host", v["message"])
        again = self.verdict("honest_slow")
        self.assertEqual(again["status"], "ok", again)

    def test_a_hanging_host_times_out(self):
        v = self.verdict("hangs", timeout_s=3)
        self.assertEqual(v["status"], "timeout", v)

    def test_an_implausible_speed_is_flagged(self):
        # A bandwidth so low that even the honest 20 ms call would beat it.
        v = self.verdict("honest_slow", bandwidth_bytes_s=1.0)
        self.assertEqual(v["status"], "implausible", v)


if __name__ == "__main__":
    unittest.main(verbosity=2)
