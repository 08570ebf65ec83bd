# autocomp cuda/ops/5: layer normalization over the last dimension, with learned scale and shift (fp32).
import torch
import torch.nn as nn

batch_size = 8192
features = 4096
eps = 1e-5


class Model(nn.Module):
    def __init__(self, features, eps):
        super().__init__()
        self.norm = nn.LayerNorm(features, eps=eps)

    def forward(self, x):
        return self.norm(x)


def get_inputs():
    return [torch.randn(batch_size, features)]


def get_init_inputs():
    return [features, eps]
