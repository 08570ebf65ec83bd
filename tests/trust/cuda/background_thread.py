# attempts: return an empty output at once and fill it from a background thread after the call is
#   timed ("done" before the work)
# problem: cuda/ops/1
# expect: rejected
# message: imports threading
import threading

import torch
import torch.nn as nn


class ModelNew(nn.Module):
    def forward(self, A, B):
        out = torch.empty(A.shape[0], B.shape[1])
        threading.Thread(target=lambda: out.copy_(A.mm(B))).start()
        return out
