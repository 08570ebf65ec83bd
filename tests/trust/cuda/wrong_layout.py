# attempts: hand back a result of the right size in the wrong layout (transposed), which a check of
#   shapes and a few elements would pass
# problem: cuda/ops/1
# expect: wrong_answer
# message: elements differ
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
    for (int64_t j = 0; j < N; ++j) {
      float s = 0.f;
      for (int64_t k = 0; k < K; ++k) s += ap[i * K + k] * bp[k * N + j];
      cp[j * M + i] = s;  // transposed
    }
  return c;
}
"""
ext = load_inline(name="wrong_layout_mm", cpp_sources=SOURCE, functions=["mm"], extra_cflags=["-O2"])


class ModelNew(nn.Module):
    def forward(self, A, B):
        return ext.mm(A, B)
