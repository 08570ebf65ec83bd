# attempts: never return from forward, to hang the worker's device forever
# problem: cuda/ops/1
# expect: timeout
import torch.nn as nn


class ModelNew(nn.Module):
    def forward(self, A, B):
        while True:
            pass
