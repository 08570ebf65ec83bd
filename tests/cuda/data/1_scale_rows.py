# A test problem in KernelBench's format: y = x * w, a row scaling with a learned vector.
import torch
import torch.nn as nn

rows = 64
cols = 256


class Model(nn.Module):
    def __init__(self, cols):
        super().__init__()
        self.w = nn.Parameter(torch.randn(cols))

    def forward(self, x):
        return x * self.w


def get_inputs():
    return [torch.randn(rows, cols)]


def get_init_inputs():
    return [cols]
