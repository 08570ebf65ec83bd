# attempts: zero the inputs in place and return zeros: a harness that computes the reference after
#   the candidate, from the same (now zero) tensors, would see a match
# problem: cuda/ops/1
# expect: wrong_answer
import torch
import torch.nn as nn


class ModelNew(nn.Module):
    def forward(self, A, B):
        A.zero_()
        B.zero_()
        return torch.zeros(A.shape[0], B.shape[1], dtype=A.dtype, device=A.device)
