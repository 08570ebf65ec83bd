# attempts: try a (broken) custom path and fall back to torch's own matmul when it fails, so the
#   score is the reference's while the candidate claims a kernel of its own
# problem: cuda/ops/1
# expect: rejected
# message: try/except in ModelNew
import torch
import torch.nn as nn


class ModelNew(nn.Module):
    def forward(self, A, B):
        try:
            raise RuntimeError("no kernel")
        except RuntimeError:
            return torch.matmul(A, B)
