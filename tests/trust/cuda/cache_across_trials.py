# attempts: compute the first call honestly and return that result again for every later call of the
#   same shapes (a harness that times one fixed input, or checks only the first call, is fooled)
# problem: cuda/ops/1
# expect: wrong_answer
import torch
import torch.nn as nn
from torch.utils.cpp_extension import load_inline

SOURCE = r"""
#include <map>
static std::map<int64_t, torch::Tensor> cache;
torch::Tensor mm(torch::Tensor A, torch::Tensor B) {
  auto a = A.contiguous(); auto b = B.contiguous();
  const int64_t M = a.size(0), K = a.size(1), N = b.size(1);
  auto hit = cache.find(M * 1000003 + N);
  if (hit != cache.end()) return hit->second;
  auto c = torch::zeros({M, N}, a.options());
  const float* ap = a.data_ptr<float>(); const float* bp = b.data_ptr<float>(); float* cp = c.data_ptr<float>();
  for (int64_t i = 0; i < M; ++i)
    for (int64_t k = 0; k < K; ++k)
      for (int64_t j = 0; j < N; ++j) cp[i * N + j] += ap[i * K + k] * bp[k * N + j];
  cache[M * 1000003 + N] = c;
  return c;
}
"""
ext = load_inline(name="cached_mm", cpp_sources=SOURCE, functions=["mm"], extra_cflags=["-O2"])


class ModelNew(nn.Module):
    def forward(self, A, B):
        return ext.mm(A, B)
