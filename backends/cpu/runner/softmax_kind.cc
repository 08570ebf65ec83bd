// backends/cpu/runner/softmax_kind.cc — the softmax problems for the
// runner: row-wise softmax of x[rows][cols] into y, fp32, inputs uniform in
// [-8, 8). The reference works in double. An element passes if
// |y - ref| <= (cols + 8)·u·ref: the bound for summing cols positive terms
// in any order plus a few roundings in exp and the division, so a fast exp
// accurate to a few ulp passes and a crude one fails.
//   dims: rows,cols
#include <cmath>

#include "kernel_kind.h"

namespace autocomp::cpu_harness {
namespace {

class Softmax final : public KernelKind {
 public:
  using ReferenceFn = void (*)(int, int, const float*, double*);
  explicit Softmax(void* reference) : reference_(reinterpret_cast<ReferenceFn>(reference)) {}

  std::string Configure(const std::vector<long>& d) override {
    if (d.size() != 2 || d[0] < 1 || d[1] < 1) return "softmax needs dims rows,cols >= 1";
    rows_ = d[0], cols_ = d[1];
    return "";
  }
  std::vector<size_t> InputSizes() const override { return {size_t(rows_ * cols_)}; }
  std::vector<std::string> InputNames() const override { return {"x"}; }
  size_t OutputSize() const override { return size_t(rows_ * cols_); }
  void Generate(uint64_t seed, std::vector<std::vector<float>>& in) const override { FillUniform(in[0], seed, -8, 8); }
  void Reference(const std::vector<std::vector<float>>& in, std::vector<double>& expected,
                 std::vector<double>& allowed) const override {
    reference_(int(rows_), int(cols_), in[0].data(), expected.data());
    const double scale = double(cols_ + 8) * std::ldexp(1.0, -24);
    for (size_t i = 0; i < expected.size(); ++i) allowed[i] = scale * expected[i] + 1e-38;
  }
  std::string Where(size_t i) const override {
    return "y[" + std::to_string(i / size_t(cols_)) + "][" + std::to_string(i % size_t(cols_)) + "]";
  }
  double Flops() const override { return 5.0 * double(rows_) * double(cols_); }

 private:
  ReferenceFn reference_;
  long rows_ = 1, cols_ = 1;
};

}  // namespace

std::unique_ptr<KernelKind> MakeSoftmaxKind(void* reference) { return std::make_unique<Softmax>(reference); }

}  // namespace autocomp::cpu_harness
