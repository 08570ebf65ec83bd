# control: an honest custom kernel (a C++ load_inline extension computing the matmul directly)
# problem: cuda/ops/1
# expect: ok
import torch
import torch.nn as nn
from torch.utils.cpp_extension import load_inline

SOURCE = r"""
torch::Tensor mm(torch::Tensor A, torch::Tensor B) {
  auto a = A.contiguous(); auto b = B.contiguous();
  const int64_t M = a.size(0), K = a.size(1), N = b.size(1);
  auto c = torch::zeros({M, N}, a.options());
  const float* ap = a.data_ptr<float>(); const float* bp = b.data_ptr<float>(); float* cp = c.data_ptr<float>();
  for (int64_t i = 0; i < M; ++i)
    for (int64_t k = 0; k < K; ++k) {
      const float av = ap[i * K + k];
      for (int64_t j = 0; j < N; ++j) cp[i * N + j] += av * bp[k * N + j];
    }
  return c;
}
"""
ext = load_inline(name="honest_mm", cpp_sources=SOURCE, functions=["mm"], extra_cflags=["-O3"])


class ModelNew(nn.Module):
    def forward(self, A, B):
        return ext.mm(A, B)
