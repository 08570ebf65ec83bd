# attempts: hand in the reference under another name: forward just calls torch's matmul through a
#   helper function, as if it were a kernel
# problem: cuda/ops/1
# expect: rejected
# message: calls torch's mm()
import torch
import torch.nn as nn


def kernel(a, b):
    return a.mm(b)


class ModelNew(nn.Module):
    def forward(self, A, B):
        return kernel(A, B)
