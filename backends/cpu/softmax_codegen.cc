// backends/cpu/softmax_codegen.cc
//
// Knobs and code generator for the softmax problems. Knobs:
//   store_exp   bool  compute each exponential once, keep it in y, then scale in place
//   reciprocal  bool  multiply by 1/sum instead of dividing every element
//   fast_exp    bool  a branch-free exponential (Cody-Waite reduction, degree-7
//                     polynomial, ~2 ulp) that the compiler can vectorize
//   simd        bool  `#pragma omp simd` with reductions on the max and sum loops
#include <string>

#include "codegen_text.h"
#include "cpu_tuner.h"

namespace autocomp::cpu {

using nlohmann::json;

namespace {

constexpr const char* kFastExp = R"(// exp(x) for x <= 0: x = n·ln2 + r with |r| <= ln2/2, exp(r) by a degree-7 polynomial.
static inline float exp_nonpositive(float x) {
  x = x < -87.0f ? -87.0f : x;
  const float n = __builtin_floorf(x * 1.44269504088896341f + 0.5f);
  const float r = (x - n * 0.693145751953125f) - n * 1.428606820309417232e-6f;
  float p = 1.0f / 5040.0f;
  p = p * r + 1.0f / 720.0f;
  p = p * r + 1.0f / 120.0f;
  p = p * r + 1.0f / 24.0f;
  p = p * r + 1.0f / 6.0f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const int bits = ((int)n + 127) << 23;
  float scale;
  __builtin_memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}
)";

std::string Generate(const json& k) {
  const bool store = k.value("store_exp", false), recip = k.value("reciprocal", false),
             fast = k.value("fast_exp", false), simd = k.value("simd", false);
  const std::string exp = fast ? "exp_nonpositive" : "expf";
  const std::string pragma_max = simd ? "#pragma omp simd reduction(max : max)\n" : "";
  const std::string pragma_sum = simd ? "#pragma omp simd reduction(+ : sum)\n" : "";
  const std::string pragma = simd ? "#pragma omp simd\n" : "";
  std::string text = "#include <math.h>\n\n";
  if (fast) text += kFastExp;
  text += R"(
void softmax(int rows, int cols, const float* restrict x, float* restrict y) {
  for (int i = 0; i < rows; ++i) {
    const float* row = x + (long)i * cols;
    float* out = y + (long)i * cols;
    float max = row[0];
@PMAX@    for (int j = 0; j < cols; ++j) max = row[j] > max ? row[j] : max;
    float sum = 0.0f;
)";
  if (store) {
    text += "@PSUM@    for (int j = 0; j < cols; ++j) {\n      out[j] = @EXP@(row[j] - max);\n      sum += out[j];\n    }\n";
    if (recip) {
      text += "    const float inv = 1.0f / sum;\n@P@    for (int j = 0; j < cols; ++j) out[j] *= inv;\n";
    } else {
      text += "@P@    for (int j = 0; j < cols; ++j) out[j] /= sum;\n";
    }
  } else {
    text += "@PSUM@    for (int j = 0; j < cols; ++j) sum += @EXP@(row[j] - max);\n";
    if (recip) {
      text += "    const float inv = 1.0f / sum;\n@P@    for (int j = 0; j < cols; ++j) out[j] = @EXP@(row[j] - max) * inv;\n";
    } else {
      text += "@P@    for (int j = 0; j < cols; ++j) out[j] = @EXP@(row[j] - max) / sum;\n";
    }
  }
  text += "  }\n}\n";
  return Fill(text, {{"PMAX", pragma_max}, {"PSUM", pragma_sum}, {"P", pragma}, {"EXP", exp}});
}

json With(json k, const char* key, json value) {
  k[key] = std::move(value);
  return k;
}

std::string Shape(const Problem& p) {
  return "For " + std::to_string(p.spec.value("rows", 0L)) + " rows of " +
         std::to_string(p.spec.value("cols", 0L)) + " values, ";
}

KindTuning MakeSoftmaxTuning() {
  KindTuning t;
  t.kind = "softmax";
  t.baseline_knobs = {{"store_exp", false}, {"reciprocal", false}, {"fast_exp", false}, {"simd", false}};
  t.generate = Generate;
  t.menu = {
      {"reuse_results",
       "avoid recomputing values: keep intermediate results that are needed again",
       [](const json& k) { return !k["store_exp"].get<bool>(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "store_exp", true)}; },
       [](const json&, const Problem& p) {
         return Shape(p) + "store each exponential in y during the sum pass and normalize in place, "
                           "so every element needs one exp instead of two.";
       }},
      {"cheaper_arithmetic",
       "replace expensive operations by cheaper equivalent ones",
       [](const json& k) { return !k["reciprocal"].get<bool>(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "reciprocal", true)}; },
       [](const json&, const Problem& p) {
         return Shape(p) + "compute 1/sum once per row and multiply instead of dividing each element.";
       }},
      {"vectorize",
       "make the innermost loop vectorize (no aliasing, simd pragmas)",
       [](const json& k) { return !k["simd"].get<bool>(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "simd", true)}; },
       [](const json&, const Problem& p) {
         return Shape(p) + "mark the max, sum and scale loops as simd loops with reductions.";
       }},
      {"vectorizable_math",
       "use a vectorizable approximation of a math function that stays within the accuracy needed",
       [](const json& k) { return !k["fast_exp"].get<bool>(); },
       [](const json& k, const Problem&) { return std::vector<json>{With(k, "fast_exp", true)}; },
       [](const json&, const Problem& p) {
         return Shape(p) + "replace expf with a branch-free exponential for non-positive arguments "
                           "(range reduction by ln2 and a degree-7 polynomial, about 2 ulp).";
       }},
  };
  return t;
}

}  // namespace

const KindTuning& SoftmaxTuning() {
  static const KindTuning tuning = MakeSoftmaxTuning();
  return tuning;
}

}  // namespace autocomp::cpu
