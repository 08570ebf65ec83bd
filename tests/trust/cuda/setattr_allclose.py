# attempts: make every comparison pass by replacing torch.allclose and torch.isclose (the check a
#   harness in the same process would call) through setattr, which no assignment statement shows
# problem: cuda/ops/1
# expect: rejected
# message: uses setattr
import torch
import torch.nn as nn

for name in ("allclose", "isclose", "equal"):
    setattr(torch, name, lambda *a, **k: True)


class ModelNew(nn.Module):
    def forward(self, A, B):
        return torch.zeros(A.shape[0], B.shape[1])
