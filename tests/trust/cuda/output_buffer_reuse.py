# attempts: return uninitialized memory of the right shape, hoping the allocator hands back the buffer
#   the reference's output was just written to (the published output-reuse exploit)
# problem: cuda/ops/1
# expect: wrong_answer
import torch
import torch.nn as nn


class ModelNew(nn.Module):
    def forward(self, A, B):
        return torch.empty(A.shape[0], B.shape[1], dtype=A.dtype, device=A.device)
