// backends/cpu/runner/conv2d_kind.cc — the conv2d problems for the runner:
// 3×3 convolution, stride 1, no padding, fp32, NCHW. input[N][C][H][W],
// weight[K][C][3][3], output[N][K][H-2][W-2], inputs uniform in [-1, 1).
// The reference accumulates in double; an element passes if
// |out - ref| <= 2·(9C)·u·Σ|w·x|.
//   dims: N,C,H,W,K
#include <cmath>

#include "kernel_kind.h"

namespace autocomp::cpu_harness {
namespace {

class Conv2d final : public KernelKind {
 public:
  using ReferenceFn = void (*)(int, int, int, int, int, const float*, const float*, double*, double*);
  explicit Conv2d(void* reference) : reference_(reinterpret_cast<ReferenceFn>(reference)) {}

  std::string Configure(const std::vector<long>& d) override {
    if (d.size() != 5 || d[0] < 1 || d[1] < 1 || d[2] < 3 || d[3] < 3 || d[4] < 1) {
      return "conv2d needs dims N,C,H,W,K (H, W >= 3)";
    }
    n_ = d[0], c_ = d[1], h_ = d[2], w_ = d[3], k_ = d[4];
    return "";
  }
  std::vector<size_t> InputSizes() const override { return {size_t(n_ * c_ * h_ * w_), size_t(k_ * c_ * 9)}; }
  std::vector<std::string> InputNames() const override { return {"input", "weight"}; }
  size_t OutputSize() const override { return size_t(n_ * k_ * (h_ - 2) * (w_ - 2)); }
  void Generate(uint64_t seed, std::vector<std::vector<float>>& in) const override {
    FillUniform(in[0], seed, -1, 1);
    FillUniform(in[1], seed ^ 0x5851F42D4C957F2DULL, -1, 1);
  }
  void Reference(const std::vector<std::vector<float>>& in, std::vector<double>& expected,
                 std::vector<double>& allowed) const override {
    reference_(int(n_), int(c_), int(h_), int(w_), int(k_), in[0].data(), in[1].data(), expected.data(),
                     allowed.data());
    const double scale = 2.0 * 9.0 * double(c_) * std::ldexp(1.0, -24);
    for (double& a : allowed) a = scale * a + 1e-30;
  }
  std::string Where(size_t i) const override {
    const size_t ow = size_t(w_ - 2), oh = size_t(h_ - 2), k = size_t(k_);
    return "output[" + std::to_string(i / ow / oh / k) + "][" + std::to_string((i / ow / oh) % k) + "][" +
           std::to_string((i / ow) % oh) + "][" + std::to_string(i % ow) + "]";
  }
  double Flops() const override { return 2.0 * double(n_ * k_ * (h_ - 2) * (w_ - 2)) * double(c_) * 9.0; }

 private:
  ReferenceFn reference_;
  long n_ = 1, c_ = 1, h_ = 3, w_ = 3, k_ = 1;
};

}  // namespace

std::unique_ptr<KernelKind> MakeConv2dKind(void* reference) { return std::make_unique<Conv2d>(reference); }

}  // namespace autocomp::cpu_harness
