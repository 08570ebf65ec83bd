// backends/cpu/runner/gemm_kind.cc — the gemm problems for the runner:
// C[M×N] = A[M×K]·B[K×N], fp32, row-major, inputs uniform in [-1, 1). The
// reference (the set's reference.c) accumulates in double. An element passes
// if |C - ref| <= 2·K·u·(|A|·|B|) with u = 2^-24: the rounding-error bound
// of any fp32 summation order, with or without FMA, so every correct
// reordering passes and a dropped or repeated term fails.
//   dims: M,N,K
#include <cmath>

#include "kernel_kind.h"

namespace autocomp::cpu_harness {
namespace {

class Gemm final : public KernelKind {
 public:
  using ReferenceFn = void (*)(int, int, int, const float*, const float*, double*, double*);
  explicit Gemm(void* reference) : reference_(reinterpret_cast<ReferenceFn>(reference)) {}

  std::string Configure(const std::vector<long>& dims) override {
    if (dims.size() != 3 || dims[0] < 1 || dims[1] < 1 || dims[2] < 1) return "gemm needs dims M,N,K >= 1";
    m_ = dims[0], n_ = dims[1], k_ = dims[2];
    return "";
  }
  std::vector<size_t> InputSizes() const override { return {size_t(m_ * k_), size_t(k_ * n_)}; }
  std::vector<std::string> InputNames() const override { return {"A", "B"}; }
  size_t OutputSize() const override { return size_t(m_ * n_); }
  void Generate(uint64_t seed, std::vector<std::vector<float>>& in) const override {
    FillUniform(in[0], seed, -1, 1);
    FillUniform(in[1], seed ^ 0x5851F42D4C957F2DULL, -1, 1);
  }
  void Reference(const std::vector<std::vector<float>>& in, std::vector<double>& expected,
                 std::vector<double>& allowed) const override {
    reference_(int(m_), int(n_), int(k_), in[0].data(), in[1].data(), expected.data(), allowed.data());
    const double scale = 2.0 * double(k_) * std::ldexp(1.0, -24);
    for (double& a : allowed) a = scale * a + 1e-30;
  }
  std::string Where(size_t i) const override {
    return "C[" + std::to_string(i / size_t(n_)) + "][" + std::to_string(i % size_t(n_)) + "]";
  }
  double Flops() const override { return 2.0 * double(m_) * double(n_) * double(k_); }

 private:
  ReferenceFn reference_;
  long m_ = 1, n_ = 1, k_ = 1;
};

}  // namespace

std::unique_ptr<KernelKind> MakeGemmKind(void* reference) { return std::make_unique<Gemm>(reference); }

}  // namespace autocomp::cpu_harness
