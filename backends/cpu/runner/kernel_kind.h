// backends/cpu/runner/kernel_kind.h
//
// What the trusted runner needs to know about one kind of cpu problem
// (gemm, conv2d, softmax): its buffers for given dims, how to fill the
// inputs from a seed, and the reference output with the error each element
// may have. One implementation per kind (<kind>_kind.cc); the reference
// function itself comes from the problem set's reference.c, built on the
// node into a shared library the runner loads. The runner
// (kernel_runner.h) does everything else the same way for every kind.
//
// Trusted code: it runs in the runner process, never in the candidate's.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace autocomp::cpu_harness {

class KernelKind {
 public:
  virtual ~KernelKind() = default;
  // Takes the problem's dims (in the order of its problems.json); "" if they
  // are usable, else why not.
  virtual std::string Configure(const std::vector<long>& dims) = 0;
  // Floats in each input buffer, in the order the solution takes them.
  virtual std::vector<size_t> InputSizes() const = 0;
  virtual std::vector<std::string> InputNames() const = 0;
  virtual size_t OutputSize() const = 0;
  // Fresh input values for one call (every call gets its own seed).
  virtual void Generate(uint64_t seed, std::vector<std::vector<float>>& inputs) const = 0;
  // The exact result (in double) and the error each element may have.
  virtual void Reference(const std::vector<std::vector<float>>& inputs, std::vector<double>& expected,
                         std::vector<double>& allowed) const = 0;
  // "C[3][7]" for output element `index`.
  virtual std::string Where(size_t index) const = 0;
  // Floating-point operations of one call.
  virtual double Flops() const = 0;
};

// The kind named `kind` ("gemm", ...), taking its reference function from
// `library` (a dlopen handle); nullptr with `*error` set if either is unknown.
std::unique_ptr<KernelKind> MakeKernelKind(const std::string& kind, void* library, std::string* error);

// Each kind's factory (in <kind>_kind.cc); `reference` is the dlsym'd function.
std::unique_ptr<KernelKind> MakeGemmKind(void* reference);
std::unique_ptr<KernelKind> MakeConv2dKind(void* reference);
std::unique_ptr<KernelKind> MakeSoftmaxKind(void* reference);

// splitmix64 values, uniform in [lo, hi): identical on every machine.
void FillUniform(std::vector<float>& v, uint64_t seed, float lo, float hi);

}  // namespace autocomp::cpu_harness
