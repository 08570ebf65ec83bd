# attempts: crash the measuring process (a null write in the extension) to take the evaluator down or
#   leave it unable to judge the next candidate
# problem: cuda/ops/1
# expect: runtime_error
# message: killed its host
import torch
import torch.nn as nn
from torch.utils.cpp_extension import load_inline

SOURCE = r"""
torch::Tensor mm(torch::Tensor A, torch::Tensor B) {
  volatile float* p = nullptr;
  *p = 1.f;
  return A;
}
"""
ext = load_inline(name="crash_mm", cpp_sources=SOURCE, functions=["mm"])


class ModelNew(nn.Module):
    def forward(self, A, B):
        return ext.mm(A, B)
