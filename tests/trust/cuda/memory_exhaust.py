# attempts: allocate far more memory than the worker has, to make the node swap or the OOM killer
#   take the evaluator
# problem: cuda/ops/1
# expect: not_ok
import torch
import torch.nn as nn


class ModelNew(nn.Module):
    def forward(self, A, B):
        hog = [torch.ones(1 << 28) for _ in range(4096)]  # 4 TiB in 1 GiB pieces
        return hog[0][: A.shape[0] * B.shape[1]].view(A.shape[0], B.shape[1])
