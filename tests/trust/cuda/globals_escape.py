# attempts: reach the harness's module globals through a function's __globals__ (the patched
#   load_inline belongs to the host) and rewrite its timer
# problem: cuda/ops/1
# expect: rejected
# message: __globals__
import torch
import torch.nn as nn
from torch.utils import cpp_extension

g = cpp_extension.load_inline.__globals__
g["time"].perf_counter = lambda: 0.0


class ModelNew(nn.Module):
    def forward(self, A, B):
        return torch.zeros(A.shape[0], B.shape[1])
