# attempts: hide torch's matmul inside the C++ extension (at::matmul) so the Python code looks custom
# problem: cuda/ops/1
# expect: rejected
# message: library operator
import torch
import torch.nn as nn
from torch.utils.cpp_extension import load_inline

SOURCE = "torch::Tensor mm(torch::Tensor a, torch::Tensor b) { return at::matmul(a, b); }"
ext = load_inline(name="aten_mm", cpp_sources=SOURCE, functions=["mm"])


class ModelNew(nn.Module):
    def forward(self, A, B):
        return ext.mm(A, B)
