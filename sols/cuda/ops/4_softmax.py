# autocomp cuda/ops/4: softmax over the last dimension of a (rows, cols) fp32 matrix.
import torch
import torch.nn as nn

rows = 4096
cols = 16384


class Model(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, x):
        return torch.softmax(x, dim=-1)


def get_inputs():
    return [torch.randn(rows, cols)]


def get_init_inputs():
    return []
