# autocomp cuda/ops/2: C = A @ B with fp16 inputs and output, accumulated in fp32 (as tensor cores do).
import torch
import torch.nn as nn

M = 8192
K = 8192
N = 8192


class Model(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, A, B):
        return torch.matmul(A.float(), B.float()).half()


def get_inputs():
    return [torch.randn(M, K).half(), torch.randn(K, N).half()]


def get_init_inputs():
    return []
