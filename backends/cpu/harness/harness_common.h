// backends/cpu/harness/harness_common.h
//
// Shared by the cpu problem harnesses (one per problem kind): argument
// parsing, seeded inputs, guarded output buffers, the timed call, and the
// one result line the backend parses. A harness is trusted code linked with
// one untrusted candidate object; it runs inside the sandbox.
//
// Protocol: the harness prints exactly one line
//   AUTOCOMP_RESULT <nonce> {"correct":..., "reason":..., "times_s":[...], ...}
// where <nonce> comes from the AUTOCOMP_NONCE environment variable (removed
// from the environment before the candidate runs), and exits 0 if correct,
// 3 if the answer was wrong.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace harness {

struct Args {
  std::string mode = "time";  // "time": check then time; "count": one call, for callgrind
  uint64_t seed = 1;
  int warmup = 1;
  int repeats = 5;
  std::vector<long> dims;     // kind-specific, in the order of --dims
};

inline Args ParseArgs(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) { std::fprintf(stderr, "harness: %s needs a value\n", arg.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (arg == "--mode") a.mode = next();
    else if (arg == "--seed") a.seed = std::strtoull(next(), nullptr, 10);
    else if (arg == "--warmup") a.warmup = std::atoi(next());
    else if (arg == "--repeats") a.repeats = std::atoi(next());
    else if (arg == "--dims") {
      std::string list = next();
      for (size_t p = 0; p < list.size();) {
        size_t q = list.find(',', p);
        if (q == std::string::npos) q = list.size();
        a.dims.push_back(std::atol(list.substr(p, q - p).c_str()));
        p = q + 1;
      }
    } else { std::fprintf(stderr, "harness: unknown argument %s\n", arg.c_str()); std::exit(2); }
  }
  return a;
}

// splitmix64: seeded, identical on every machine.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi).
  float Uniform(float lo, float hi) {
    return lo + (hi - lo) * static_cast<float>((Next() >> 40) * (1.0 / 16777216.0));
  }

 private:
  uint64_t state_;
};

inline std::vector<float> RandomVector(size_t n, uint64_t seed, float lo, float hi) {
  Rng rng(seed);
  std::vector<float> v(n);
  for (auto& x : v) x = rng.Uniform(lo, hi);
  return v;
}

// An output buffer with guard zones on both sides, so a candidate that
// writes out of bounds is caught instead of silently corrupting memory.
class GuardedOutput {
 public:
  static constexpr size_t kGuard = 1024;  // floats on each side
  explicit GuardedOutput(size_t n) : n_(n), storage_(n + 2 * kGuard) { Poison(); }
  float* data() { return storage_.data() + kGuard; }
  const float* data() const { return storage_.data() + kGuard; }
  size_t size() const { return n_; }
  // Fills the output with NaN (so unwritten elements fail) and the guards with a pattern.
  void Poison() {
    for (size_t i = 0; i < kGuard; ++i) storage_[i] = storage_[kGuard + n_ + i] = kPattern;
    for (size_t i = 0; i < n_; ++i) data()[i] = std::nanf("");
  }
  bool GuardsIntact() const {
    for (size_t i = 0; i < kGuard; ++i) {
      if (std::memcmp(&storage_[i], &kPattern, sizeof(float)) != 0) return false;
      if (std::memcmp(&storage_[kGuard + n_ + i], &kPattern, sizeof(float)) != 0) return false;
    }
    return true;
  }

 private:
  static constexpr float kPattern = -12345.678f;
  size_t n_;
  std::vector<float> storage_;
};

inline double Now() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// What one check found.
struct Check {
  bool correct = true;
  std::string reason;
  double max_error = 0;       // largest |out - ref|
  double max_error_ratio = 0; // largest |out - ref| / allowed
};

// Compares out[i] with ref[i] under a per-element bound. Stops describing at the first failure.
template <typename BoundFn>
Check CompareOutputs(const float* out, const double* ref, size_t n, BoundFn bound,
                     const char* (*describe_index)(size_t, char*, size_t)) {
  Check c;
  char where[128];
  for (size_t i = 0; i < n; ++i) {
    double value = out[i];
    double err = std::fabs(value - ref[i]);
    double allowed = bound(i);
    if (!(err <= allowed)) {  // also catches NaN
      if (c.correct) {
        char text[320];
        std::snprintf(text, sizeof text, "output %s is %.9g, expected %.9g (allowed error %.3g)",
                      describe_index(i, where, sizeof where), value, ref[i], allowed);
        c.reason = text;
      }
      c.correct = false;
    }
    if (err > c.max_error) c.max_error = err;
    if (allowed > 0 && err / allowed > c.max_error_ratio) c.max_error_ratio = err / allowed;
  }
  return c;
}

inline std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '"' || ch == '\\') { out += '\\'; out += ch; }
    else if (static_cast<unsigned char>(ch) < 0x20) out += ' ';
    else out += ch;
  }
  return out;
}

// Reads and hides the nonce before any candidate code is called from main.
inline std::string TakeNonce() {
  const char* n = std::getenv("AUTOCOMP_NONCE");
  std::string nonce = n ? n : "";
  unsetenv("AUTOCOMP_NONCE");
  return nonce;
}

// Prints the result line and returns the exit code (0 correct, 3 wrong).
inline int Report(const std::string& nonce, const Check& check, const std::vector<double>& times,
                  double flops) {
  std::string t;
  for (size_t i = 0; i < times.size(); ++i) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%.9g", i ? "," : "", times[i]);
    t += buf;
  }
  std::fflush(stdout);
  std::printf("\nAUTOCOMP_RESULT %s {\"correct\":%s,\"reason\":\"%s\",\"max_error\":%.6g,"
              "\"max_error_ratio\":%.6g,\"flops\":%.17g,\"times_s\":[%s]}\n",
              nonce.c_str(), check.correct ? "true" : "false", JsonEscape(check.reason).c_str(),
              check.max_error, check.max_error_ratio, flops, t.c_str());
  std::fflush(stdout);
  return check.correct ? 0 : 3;
}

}  // namespace harness

// The candidate's call, as one function callgrind can count alone
// (--toggle-collect=autocomp_timed_region). Never inlined.
extern "C" __attribute__((noinline)) void autocomp_timed_region(void (*fn)(void*), void* context);

namespace harness {

template <typename CallFn>
void TimedCall(CallFn& call) {
  autocomp_timed_region([](void* c) { (*static_cast<CallFn*>(c))(); }, &call);
}

// Runs the standard sequence: poison, call once, check; then warm-up and
// timed repeats, each on a freshly poisoned output, checking the last one
// again. `call` runs the candidate; `check` verifies the output.
template <typename CallFn, typename CheckFn>
int RunProtocol(const Args& args, const std::string& nonce, GuardedOutput& out, CallFn call,
                CheckFn check, double flops) {
  std::vector<double> times;
  out.Poison();
  TimedCall(call);
  Check c = out.GuardsIntact() ? check() : Check{false, "wrote outside the output buffer", 0, 0};
  if (!c.correct || args.mode == "count") return Report(nonce, c, times, flops);
  for (int i = 0; i < args.warmup; ++i) {
    out.Poison();
    TimedCall(call);
  }
  for (int i = 0; i < args.repeats; ++i) {
    out.Poison();
    double start = Now();
    TimedCall(call);
    times.push_back(Now() - start);
  }
  if (args.repeats > 0 || args.warmup > 0) {
    Check again = out.GuardsIntact() ? check() : Check{false, "wrote outside the output buffer", 0, 0};
    if (!again.correct) {
      again.reason = "correct on the first call but not on a later one: " + again.reason;
      times.clear();
      return Report(nonce, again, times, flops);
    }
  }
  return Report(nonce, c, times, flops);
}

}  // namespace harness
