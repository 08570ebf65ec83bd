// backends/cpu/harness/conv2d_harness.cc
//
// Harness for the conv2d problems: 3×3 convolution, stride 1, no padding,
// fp32, NCHW. input[N][C][H][W], weight[K][C][3][3],
// output[N][K][H-2][W-2]. Inputs uniform in [-1, 1). The reference
// accumulates in double; an element passes if |out - ref| <= 2·(9C)·u·Σ|w·x|.
//   dims: N,C,H,W,K
#include "harness_common.h"

extern "C" void conv2d(int N, int C, int H, int W, int K, const float* input, const float* weight,
                       float* output);
extern "C" void reference_conv2d(int N, int C, int H, int W, int K, const float* input,
                                 const float* weight, double* output, double* magnitude);

namespace {
int g_k = 1, g_oh = 1, g_ow = 1;
const char* Where(size_t i, char* buf, size_t size) {
  size_t ow = i % g_ow, oh = (i / g_ow) % g_oh, k = (i / g_ow / g_oh) % g_k, n = i / g_ow / g_oh / g_k;
  std::snprintf(buf, size, "output[%zu][%zu][%zu][%zu]", n, k, oh, ow);
  return buf;
}
}  // namespace

int main(int argc, char** argv) {
  const std::string nonce = harness::TakeNonce();
  const harness::Args args = harness::ParseArgs(argc, argv);
  if (args.dims.size() != 5 || args.dims[2] < 3 || args.dims[3] < 3) {
    std::fprintf(stderr, "conv2d harness: --dims N,C,H,W,K required (H, W >= 3)\n");
    return 2;
  }
  const int N = args.dims[0], C = args.dims[1], H = args.dims[2], W = args.dims[3], K = args.dims[4];
  g_k = K;
  g_oh = H - 2;
  g_ow = W - 2;
  const auto X = harness::RandomVector(size_t(N) * C * H * W, args.seed, -1, 1);
  const auto Wt = harness::RandomVector(size_t(K) * C * 9, args.seed + 1, -1, 1);
  std::vector<float> x(X), w(Wt);
  const size_t out_size = size_t(N) * K * (H - 2) * (W - 2);
  std::vector<double> ref(out_size), magnitude(out_size);
  reference_conv2d(N, C, H, W, K, X.data(), Wt.data(), ref.data(), magnitude.data());
  harness::GuardedOutput out(out_size);
  const double u = std::ldexp(1.0, -24);

  auto check = [&]() -> harness::Check {
    if (x != X || w != Wt) return {false, "modified its input or weights", 0, 0};
    return harness::CompareOutputs(
        out.data(), ref.data(), out.size(),
        [&](size_t i) { return 2.0 * 9 * C * u * magnitude[i] + 1e-30; }, Where);
  };
  auto call = [&]() { conv2d(N, C, H, W, K, x.data(), w.data(), out.data()); };
  return harness::RunProtocol(args, nonce, out, call, check, 2.0 * out_size * C * 9);
}
