# attempts: patch torch.cuda.Event.elapsed_time and torch.cuda.synchronize so a GPU harness in the same
#   interpreter reads a tiny time and never waits for the work
# problem: cuda/ops/1
# expect: rejected
# message: patching a module
import torch
import torch.nn as nn

torch.cuda.Event.elapsed_time = lambda self, other: 1e-6
torch.cuda.synchronize = lambda *args: None


class ModelNew(nn.Module):
    def forward(self, A, B):
        return torch.zeros(A.shape[0], B.shape[1])
