"""`autocomp eval` and `autocomp problems` with the cuda backend on CPU tensors, for real: a
KernelBench-format checkout (written here, laid out as KernelBench lays out its files), its reference
as a candidate (ok) and a wrong candidate (wrong_answer); our own set's baseline; the tuner's
custom kernel; the GPU-only check, skipped with its reason where torch sees no GPU.
"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

AUTOCOMP = os.environ["AUTOCOMP_BIN"]
SOURCE_DIR = os.environ["AUTOCOMP_SOURCE_DIR"]

TINY_MATMUL = '''import torch
import torch.nn as nn

class Model(nn.Module):
    """C = A @ B for small matrices."""
    def __init__(self):
        super(Model, self).__init__()

    def forward(self, A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
        return torch.matmul(A, B)

M = 96
K = 64
N = 80

def get_inputs():
    A = torch.rand(M, K)
    B = torch.rand(K, N)
    return [A, B]

def get_init_inputs():
    return []
'''


def gpu_available():
    out = subprocess.run(["/usr/bin/python3", "-c", "import torch; print(torch.cuda.is_available())"],
                         capture_output=True, text=True)
    return out.stdout.strip() == "True"


class CudaEvalTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="autocomp-cuda-eval-")
        os.chmod(cls.tmp, 0o755)
        cls.env = dict(os.environ, TMPDIR=cls.tmp, AUTOCOMP_HOME=SOURCE_DIR)
        cls.checkout = os.path.join(cls.tmp, "KernelBench-checkout")
        level1 = os.path.join(cls.checkout, "KernelBench", "level1")
        os.makedirs(level1)
        with open(os.path.join(level1, "7_Tiny_matrix_multiplication.py"), "w") as f:
            f.write(TINY_MATMUL)
        cls.config = cls.write_config("cuda.json", {"kernelbench_dir": cls.checkout})
        cls.config_torch_ops = cls.write_config("torch-ops.json",
                                                {"kernelbench_dir": cls.checkout, "allow_torch_ops": True})

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def write_config(cls, name, options):
        path = os.path.join(cls.tmp, name)
        options = dict({"size": "ci", "timed_trials": 20, "warmup_trials": 2, "memory_gb": 4}, **options)
        with open(path, "w") as f:
            json.dump({"backend": "cuda", "backend_options": options, "problems": {"set": "ops", "ids": [1]}}, f)
        return path

    def candidate(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def eval(self, problem, code, config=None):
        proc = subprocess.run([AUTOCOMP, "eval", problem, code, "--config", config or self.config],
                              capture_output=True, text=True, env=self.env, timeout=400)
        try:
            return json.loads(proc.stdout)
        except json.JSONDecodeError:
            self.fail(f"eval printed no JSON (exit {proc.returncode}): {proc.stderr[-1500:]}")

    def test_problems_lists_the_checkout_with_its_shapes(self):
        proc = subprocess.run([AUTOCOMP, "problems", "cuda", "--config", self.config], capture_output=True,
                              text=True, env=self.env, timeout=120)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertRegex(proc.stdout, r"cuda/kb-level1/7\s+Tiny matrix multiplication \(M=96, K=64, N=80\)")
        self.assertRegex(proc.stdout, r"cuda/ops/1\s+matmul fp32 \(M=128, K=128, N=128\)")

    def test_the_reference_of_a_checkout_problem_is_correct(self):
        ref = self.candidate("kb7_ref.py", re.sub(r"\bModel\b", "ModelNew", TINY_MATMUL))
        r = self.eval("cuda/kb-level1/7", ref)
        self.assertEqual(r["status"], "ok", r)
        self.assertEqual(r["score_unit"], "s")
        self.assertGreater(r["score"], 0)
        self.assertEqual(r["metrics"]["trials"], 20)
        self.assertGreaterEqual(r["metrics"]["checked_calls"], 5)

    def test_a_wrong_candidate_is_a_wrong_answer(self):
        wrong = re.sub(r"\bModel\b", "ModelNew", TINY_MATMUL).replace("torch.matmul(A, B)", "torch.matmul(A, B) * 1.01")
        r = self.eval("cuda/kb-level1/7", self.candidate("kb7_wrong.py", wrong), self.config_torch_ops)
        self.assertEqual(r["status"], "wrong_answer", r)
        self.assertIn("elements differ", r["message"])

    def test_a_candidate_changed_from_the_reference_must_not_call_torch(self):
        changed = re.sub(r"\bModel\b", "ModelNew", TINY_MATMUL).replace("torch.matmul(A, B)", "torch.mm(A, B)")
        r = self.eval("cuda/kb-level1/7", self.candidate("kb7_mm.py", changed))
        self.assertEqual(r["status"], "rejected", r)

    def test_a_compile_error_gives_the_first_compiler_error(self):
        broken = '''import torch
import torch.nn as nn
from torch.utils.cpp_extension import load_inline

ext = load_inline(name="broken", cpp_sources="torch::Tensor f(torch::Tensor a) { return a + undefined_name; }",
                  functions=["f"])


class ModelNew(nn.Module):
    def forward(self, A, B):
        return ext.f(A)
'''
        r = self.eval("cuda/ops/1", self.candidate("broken.py", broken))
        self.assertEqual(r["status"], "compile_error", r)
        self.assertIn("undefined_name", r["message"])
        self.assertIn("error", r["message"])

    def test_our_baseline_is_correct_on_cpu(self):
        base = os.path.join(SOURCE_DIR, "sols", "cuda", "ops", "4_softmax.py")
        with open(base) as f:
            code = re.sub(r"\bModel\b", "ModelNew", f.read())
        r = self.eval("cuda/ops/4", self.candidate("softmax_base.py", code))
        self.assertEqual(r["status"], "ok", r)
        self.assertEqual(r["metrics"]["device"], "cpu")

    @unittest.skipUnless(gpu_available(), "no GPU: torch.cuda.is_available() is false here (CPU-only machine)")
    def test_on_a_gpu_the_device_is_the_gpu(self):
        config = self.write_config("gpu.json", {"device": "cuda"})
        base = os.path.join(SOURCE_DIR, "sols", "cuda", "ops", "1_matmul_fp32.py")
        with open(base) as f:
            code = re.sub(r"\bModel\b", "ModelNew", f.read())
        r = self.eval("cuda/ops/1", self.candidate("gpu_base.py", code), config)
        self.assertEqual(r["status"], "ok", r)
        self.assertNotEqual(r["metrics"]["gpu"], "none (cpu)")


if __name__ == "__main__":
    unittest.main(verbosity=2)
