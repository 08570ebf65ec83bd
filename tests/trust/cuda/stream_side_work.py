# attempts: launch the work on a second CUDA stream so the harness's events on the default stream
#   time nothing (the published non-default-stream exploit of KernelBench harnesses)
# problem: cuda/ops/1
# expect: rejected
# message: .Stream
import torch
import torch.nn as nn

side = torch.cuda.Stream() if torch.cuda.is_available() else None


class ModelNew(nn.Module):
    def forward(self, A, B):
        out = torch.empty(A.shape[0], B.shape[1])
        if side is not None:
            with torch.cuda.stream(side):
                out.copy_(A.mm(B))
        return out
