// backends/cpu/harness/softmax_harness.cc
//
// Harness for the softmax problems: row-wise softmax of x[rows][cols] into
// y, fp32. Inputs uniform in [-8, 8). The reference works in double. An
// element passes if |y - ref| <= (cols + 8)·u·ref: the bound for summing
// cols positive terms in any order plus a few roundings in exp and the
// division, so a fast exp accurate to a few ulp passes and a crude one fails.
//   dims: rows,cols
#include "harness_common.h"

extern "C" void softmax(int rows, int cols, const float* x, float* y);
extern "C" void reference_softmax(int rows, int cols, const float* x, double* y);

namespace {
int g_cols = 1;
const char* Where(size_t i, char* buf, size_t size) {
  std::snprintf(buf, size, "y[%zu][%zu]", i / g_cols, i % g_cols);
  return buf;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string nonce = harness::TakeNonce();
  const harness::Args args = harness::ParseArgs(argc, argv);
  if (args.dims.size() != 2) {
    std::fprintf(stderr, "softmax harness: --dims rows,cols required\n");
    return 2;
  }
  const int rows = args.dims[0], cols = args.dims[1];
  g_cols = cols;
  const auto X = harness::RandomVector(size_t(rows) * cols, args.seed, -8, 8);
  std::vector<float> x(X);
  std::vector<double> ref(size_t(rows) * cols);
  reference_softmax(rows, cols, X.data(), ref.data());
  harness::GuardedOutput y(size_t(rows) * cols);
  const double u = std::ldexp(1.0, -24);

  auto check = [&]() -> harness::Check {
    if (x != X) return {false, "modified its input x", 0, 0};
    return harness::CompareOutputs(
        y.data(), ref.data(), y.size(), [&](size_t i) { return (cols + 8) * u * ref[i] + 1e-38; },
        Where);
  };
  auto call = [&]() { softmax(rows, cols, x.data(), y.data()); };
  return harness::RunProtocol(args, nonce, y, call, check, 5.0 * rows * cols);
}
