# attempts: replace time.perf_counter (what a CPU harness in the same interpreter reads) with a clock
#   that runs a thousand times slower, so every call looks instantaneous
# problem: cuda/ops/1
# expect: rejected
# message: imports time
import time

import torch
import torch.nn as nn

_real = time.perf_counter
time.perf_counter = lambda: _real() / 1000.0


class ModelNew(nn.Module):
    def forward(self, A, B):
        return torch.zeros(A.shape[0], B.shape[1])
