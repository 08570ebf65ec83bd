# attempts: use the @ operator, which is torch's matmul without naming it
# problem: cuda/ops/1
# expect: rejected
# message: @ operator
import torch.nn as nn


class ModelNew(nn.Module):
    def forward(self, A, B):
        return A @ B
