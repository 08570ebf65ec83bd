// backends/cpu/harness/gemm_harness.cc
//
// Harness for the gemm problems: C[M×N] = A[M×K] · B[K×N], fp32, row-major.
// Inputs uniform in [-1, 1). The reference accumulates in double. An element
// passes if |C - ref| <= 2·K·u·(|A|·|B|) with u = 2^-24: the rounding-error
// bound of any fp32 summation order (with or without FMA), so every correct
// reordering passes and a dropped or repeated term fails.
//   dims: M,N,K
#include "harness_common.h"

extern "C" void gemm(int M, int N, int K, const float* A, const float* B, float* C);
extern "C" void reference_gemm(int M, int N, int K, const float* A, const float* B, double* C,
                               double* magnitude);

namespace {
int g_n = 1;
const char* Where(size_t i, char* buf, size_t size) {
  std::snprintf(buf, size, "C[%zu][%zu]", i / g_n, i % g_n);
  return buf;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string nonce = harness::TakeNonce();
  const harness::Args args = harness::ParseArgs(argc, argv);
  if (args.dims.size() != 3) {
    std::fprintf(stderr, "gemm harness: --dims M,N,K required\n");
    return 2;
  }
  const int M = args.dims[0], N = args.dims[1], K = args.dims[2];
  g_n = N;
  const auto A = harness::RandomVector(size_t(M) * K, args.seed, -1, 1);
  const auto B = harness::RandomVector(size_t(K) * N, args.seed + 1, -1, 1);
  std::vector<float> a(A), b(B);  // what the candidate gets; compared with A, B afterwards
  std::vector<double> ref(size_t(M) * N), magnitude(size_t(M) * N);
  reference_gemm(M, N, K, A.data(), B.data(), ref.data(), magnitude.data());
  harness::GuardedOutput c(size_t(M) * N);
  const double u = std::ldexp(1.0, -24);

  auto check = [&]() -> harness::Check {
    if (a != A || b != B) return {false, "modified its input A or B", 0, 0};
    return harness::CompareOutputs(
        c.data(), ref.data(), c.size(), [&](size_t i) { return 2.0 * K * u * magnitude[i] + 1e-30; },
        Where);
  };
  auto call = [&]() { gemm(M, N, K, a.data(), b.data(), c.data()); };
  return harness::RunProtocol(args, nonce, c, call, check, 2.0 * M * N * K);
}
