# attempts: return a Tensor subclass that computes nothing until someone reads it, so the timed call
#   is empty and the work happens when the harness copies the output
# problem: cuda/ops/1
# expect: rejected
# message: subclasses torch.Tensor
import torch
import torch.nn as nn


class Lazy(torch.Tensor):
    pass


class ModelNew(nn.Module):
    def forward(self, A, B):
        return Lazy(torch.zeros(A.shape[0], B.shape[1]))
